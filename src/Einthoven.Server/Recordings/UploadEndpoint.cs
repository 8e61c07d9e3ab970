using System.Security.Claims;
using Einthoven.Server.Accounts;
using Einthoven.Server.Api;
using Microsoft.Extensions.Options;

namespace Einthoven.Server.Recordings;

/// <summary>
/// POST /api/recordings: multipart upload of a WFDB record (.hea + .dat [+ .atr]), a zip of one, an EDF/EDF+ file or a
/// CSV file (with samplingFrequency and unit fields when the file does not state them). A file that cannot be stored is
/// answered with a problem naming the file, the field and the reason (<see cref="UploadedRecord"/>), and nothing is
/// stored.
/// </summary>
public static class UploadEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/recordings", Upload).WithTags("Recordings").RequireAuthorization(p => p.RequireRole(Roles.Patient))
            .DisableAntiforgery().Accepts<IFormFileCollection>("multipart/form-data")
            .Produces<UploadResult>(StatusCodes.Status201Created).ProducesProblem(400).ProducesProblem(413).ProducesProblem(422)
            .WithSummary("Upload a recording (WFDB .hea+.dat[+.atr] or .zip, EDF/EDF+, CSV); queues its analysis");

    private static Task<IResult> Upload(HttpRequest request, ClaimsPrincipal user, RecordingImporter importer, IOptions<ServerOptions> options, CancellationToken ct) =>
        UploadedRecord.UseAsync(request, options.Value, async upload =>
        {
            var (recording, job) = await importer.ImportAsync(user.UserId(), upload.Reader, upload.FormatName, upload.ShownName, ct);
            return Results.Created($"/api/recordings/{recording.Id}", new UploadResult(RecordingView.Of(recording), JobView.Of(job)));
        }, ct);
}
