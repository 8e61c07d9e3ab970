using System.Globalization;
using System.Security.Claims;
using Einthoven.Server.Accounts;
using Einthoven.Server.Api;
using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Audit;

public sealed record AuditView(long Id, DateTime At, string Action, Guid? RecordingId, Guid ActorId, string ActorEmail, string ActorName, Guid PatientId);

public sealed record AdminAuditView(
    long Id, DateTime At, string Action, Guid? RecordingId, Guid ActorId, string ActorEmail, string ActorName, Guid PatientId, string PatientEmail);

public sealed record AuditPage(IReadOnlyList<AdminAuditView> Items, int Total, int Page, int PageSize);

/// <summary>The audit log: a patient sees who read their data; an admin sees every entry (who, what, when - not the data).</summary>
public static class AuditEndpoints
{
    private const int MaxPage = 500;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", Mine).WithTags("Audit").RequireAuthorization(p => p.RequireRole(Roles.Patient))
            .WithSummary("Patient: every read of your data by someone else, newest first").Produces<List<AuditView>>();
        app.MapGet("/api/admin/audit", All).WithTags("Admin").RequireAuthorization(p => p.RequireRole(Roles.Admin))
            .WithSummary("Admin: the audit log, newest first, in pages; actor and patient are an account id or part of an e-mail, " +
                         "from (inclusive) and to (exclusive) are UTC times")
            .Produces<AuditPage>().ProducesProblem(400);
    }

    private static async Task<IResult> Mine(ClaimsPrincipal user, AppDb db, int? take, CancellationToken ct)
    {
        var patientId = user.UserId();
        return Results.Ok(await (from a in db.AuditEntries.AsNoTracking()
                                 join u in db.Users on a.ActorId equals u.Id into actors
                                 from u in actors.DefaultIfEmpty()
                                 where a.PatientId == patientId
                                 orderby a.Id descending
                                 select new AuditView(a.Id, a.At, a.Action, a.RecordingId, a.ActorId, u == null ? "" : u.Email!, u == null ? "" : u.DisplayName, a.PatientId))
            .Take(Math.Clamp(take ?? 100, 1, MaxPage)).ToListAsync(ct));
    }

    private static async Task<IResult> All(AppDb db, string? actor, string? patient, string? action, Guid? recording,
        string? from, string? to, int? page, int? pageSize, CancellationToken ct)
    {
        if (page is < 1) return Problems.BadRequest("invalid page", "page counts from 1", "page");
        if (pageSize is < 1 or > MaxPage) return Problems.BadRequest("invalid page size", $"pageSize must be 1-{MaxPage}", "pageSize");
        if (!TryTime(from, out var since)) return BadTime("from");
        if (!TryTime(to, out var until)) return BadTime("to");
        if (since >= until) return Problems.BadRequest("invalid time range", "to must be later than from", "to");
        var (number, size) = (page ?? 1, pageSize ?? 50);

        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(action)) entries = entries.Where(a => a.Action == action.Trim());
        if (recording is { } recordingId) entries = entries.Where(a => a.RecordingId == recordingId);
        if (since is { } first) entries = entries.Where(a => a.At >= first);
        if (until is { } end) entries = entries.Where(a => a.At < end);
        if (AccountId(actor) is { } actorId) entries = entries.Where(a => a.ActorId == actorId);
        else if (EmailPart(actor) is { } actorEmail)
        {
            var actors = await Admin.AccountSearch.IdsByEmailAsync(db, actorEmail, ct);
            entries = entries.Where(a => actors.Contains(a.ActorId));
        }
        if (AccountId(patient) is { } patientId) entries = entries.Where(a => a.PatientId == patientId);
        else if (EmailPart(patient) is { } patientEmail)
        {
            var patients = await Admin.AccountSearch.IdsByEmailAsync(db, patientEmail, ct);
            entries = entries.Where(a => patients.Contains(a.PatientId));
        }

        var total = await entries.CountAsync(ct);
        var items = await (from a in entries
                           join u in db.Users on a.ActorId equals u.Id into actors
                           from u in actors.DefaultIfEmpty()
                           join p in db.Users on a.PatientId equals p.Id into patients
                           from p in patients.DefaultIfEmpty()
                           orderby a.Id descending
                           select new AdminAuditView(a.Id, a.At, a.Action, a.RecordingId, a.ActorId, u == null ? "" : u.Email!,
                               u == null ? "" : u.DisplayName, a.PatientId, p == null ? "" : p.Email!))
            .Skip((number - 1) * size).Take(size).ToListAsync(ct);
        return Results.Ok(new AuditPage(items, total, number, size));
    }

    private static Guid? AccountId(string? text) => Guid.TryParse(text, out var id) ? id : null;

    private static string? EmailPart(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim().ToUpperInvariant();

    /// <summary>An ISO 8601 date or time; without a zone it is UTC, like every time the API answers with.</summary>
    private static bool TryTime(string? text, out DateTime? time)
    {
        time = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)) return false;
        time = parsed;
        return true;
    }

    private static IResult BadTime(string field) =>
        Problems.BadRequest("invalid time", $"{field} must be an ISO 8601 date or time, e.g. 2026-03-01 or 2026-03-01T08:00:00Z", field);
}
