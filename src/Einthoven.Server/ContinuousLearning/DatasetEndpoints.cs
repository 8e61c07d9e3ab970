using System.Security.Claims;
using Einthoven.Server.Accounts;
using Einthoven.Server.Api;
using Einthoven.Server.Audit;
using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.ContinuousLearning;

/// <summary>
/// Dataset versions for researchers and admins: the list (ids and counts, never a recording) and the de-identified
/// export of a version as a zip. Admins may also snapshot a version on demand. Each export is audited once per
/// patient whose data it carries.
/// </summary>
public static class DatasetEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var research = app.MapGroup("/api/datasets").WithTags("Datasets").RequireAuthorization(p => p.RequireRole(Roles.Researcher, Roles.Admin));
        research.MapGet("/", List).Produces<List<DatasetVersionView>>().WithSummary("Dataset versions, newest first: ids and counts only");
        research.MapGet("/{id}/export", Export).Produces<Stream>(StatusCodes.Status200OK, "application/zip").ProducesProblem(400).ProducesProblem(404)
            .WithSummary("A dataset version de-identified, as a zip: WFDB records, .atr (physicians) and .ai (AI) annotations, beats.csv, README.md, manifest.json with SHA-256 of every file");
        app.MapPost("/api/datasets", Create).WithTags("Datasets").RequireAuthorization(p => p.RequireRole(Roles.Admin))
            .Produces<DatasetVersionView>(StatusCodes.Status201Created).Produces<DatasetVersionView>()
            .WithSummary("Snapshot the verified beats now (the same inputs give the existing version, 200)");
    }

    private static async Task<IResult> List(AppDb db, CancellationToken ct) =>
        Results.Ok((await db.DatasetVersions.AsNoTracking().OrderByDescending(d => d.CreatedAt).ToListAsync(ct)).Select(LearningViews.Of).ToList());

    private static async Task<IResult> Create(ClaimsPrincipal user, DatasetVersions datasets, CancellationToken ct)
    {
        var (version, created) = await datasets.CreateAsync(user.UserId(), ct);
        return created ? Results.Created($"/api/datasets/{version.Id}/export", LearningViews.Of(version)) : Results.Ok(LearningViews.Of(version));
    }

    private static async Task<IResult> Export(string id, ClaimsPrincipal user, AppDb db, DatasetExport export, AuditLog audit, CancellationToken ct)
    {
        if (id.Length != 64 || !id.All(Uri.IsHexDigit)) return Problems.BadRequest("invalid dataset id", "a dataset id is 64 hexadecimal digits", "id");
        id = id.ToLowerInvariant();
        if (!await db.DatasetVersions.AnyAsync(d => d.Id == id, ct)) return Problems.NotFound("dataset version");
        var zip = await export.ZipAsync(id, ct);
        if (zip is null) return Problems.NotFound("dataset version");
        var reader = user.UserId();
        foreach (var r in await db.DatasetRecordings.AsNoTracking().Where(r => r.DatasetVersionId == id).ToListAsync(ct))
            await audit.RecordAsync(reader, r.PatientId, "dataset.export", r.RecordingId, ct);
        return Results.File(new FileStream(zip, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan), "application/zip",
            $"einthoven-dataset-{id[..12]}.zip");
    }
}
