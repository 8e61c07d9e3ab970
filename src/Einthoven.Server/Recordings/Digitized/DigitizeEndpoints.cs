using System.Security.Claims;
using Einthoven.Server.Accounts;
using Einthoven.Server.Api;
using Einthoven.Server.Sharing;
using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Einthoven.Signal.Formats;
using Microsoft.Extensions.Options;

namespace Einthoven.Server.Recordings.Digitized;

/// <summary>
/// A photo of a paper ECG in two steps that keep nothing on the server between them: POST /api/digitize/preview
/// digitises the photo and answers what was found with the overlay to draw on it; once the patient has checked it,
/// POST /api/recordings/digitized sends the same photo again, digitises it again (the digitiser is deterministic) and
/// stores the record as an ordinary recording (<see cref="RecordingImporter"/>, analysed like any other) with what the
/// digitiser found and the photo itself, both encrypted at rest. Patients only, as for uploads (<see cref="UploadEndpoint"/>).
/// </summary>
public static class DigitizeEndpoints
{
    /// <summary>The recording's <see cref="Recording.OriginalFormat"/>; downloading its "original" gives WFDB.</summary>
    public const string Format = "paper-photo";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/digitize/preview", Preview).WithTags("Recordings").RequireAuthorization(p => p.RequireRole(Roles.Patient))
            .RequireRateLimiting(RateLimits.Digitize).DisableAntiforgery().Accepts<IFormFile>("multipart/form-data")
            .Produces<DigitizePreview>().ProducesProblem(400).ProducesProblem(413).ProducesProblem(422).ProducesProblem(429)
            .WithSummary("Digitise a photo of a paper 12-lead ECG (one PNG or JPEG file part 'image') and show what was found, to be checked before storing")
            .WithDescription("Nothing is stored. 422 when the photo cannot be digitised: detail says what is wrong, 'problem' is NotAnEcg, GridNotFound, TooBlurred, Cropped or LayoutNotFound, 'advice' says how to retake it.");
        app.MapPost("/api/recordings/digitized", Store).WithTags("Recordings").RequireAuthorization(p => p.RequireRole(Roles.Patient))
            .RequireRateLimiting(RateLimits.Digitize).DisableAntiforgery().Accepts<IFormFile>("multipart/form-data")
            .Produces<UploadResult>(StatusCodes.Status201Created).ProducesProblem(400).ProducesProblem(413).ProducesProblem(422).ProducesProblem(429)
            .WithSummary("Store a photo of a paper ECG as a recording (file part 'image'; optional fields 'recordedAt' (ISO 8601 date or date-time, UTC unless stated) and 'name'); queues its analysis")
            .WithDescription("The photo is digitised again as in the preview; the recording carries 'digitized' (confidence, layout, leads) and the photo is kept, encrypted, with it.");
        app.MapGet("/api/recordings/{id:guid}/photo", Photo).WithTags("Recordings").RequireAuthorization()
            .Produces<Stream>(StatusCodes.Status200OK, "image/jpeg", "image/png").ProducesProblem(404)
            .WithSummary("The photo a digitised recording was read from, as it was sent")
            .WithDescription("Whoever may read the recording (its patient, a doctor holding a live grant). 404 for a recording that was not digitised from a photo.");
    }

    private static async Task<IResult> Photo(Guid id, ClaimsPrincipal user, AppDb db, PatientAccess access, CancellationToken ct)
    {
        var recording = await access.ReadRecordingAsync(user, id, "recording.photo", ct);
        if (recording is null) return Problems.NotFound("recording");
        var photo = await db.RecordingPhotos.AsNoTracking().SingleOrDefaultAsync(p => p.RecordingId == id, ct);
        return photo is null ? Problems.NotFound("photo") : Results.File(photo.Data, photo.ContentType);
    }

    private static Task<IResult> Preview(HttpRequest request, IOptions<ServerOptions> options, CancellationToken ct) =>
        PhotoUpload.UseAsync(request, options.Value, async photo =>
        {
            var ecg = await Task.Run(() => photo.Digitize(Path.GetFileNameWithoutExtension(photo.FileName)), ct);
            return Results.Ok(new DigitizePreview(photo.FileName, photo.Bitmap.Width, photo.Bitmap.Height, DigitizedSummary.Of(ecg), DigitizeOverlayView.Of(ecg.Overlay)));
        }, ct);

    private static Task<IResult> Store(HttpRequest request, ClaimsPrincipal user, RecordingImporter importer, IOptions<ServerOptions> options, CancellationToken ct) =>
        PhotoUpload.UseAsync(request, options.Value, async photo =>
        {
            if (!PhotoUpload.TryParseRecordedAt(photo.Field("recordedAt"), out var recordedAt))
                return Problems.BadRequest("invalid recording date", $"recordedAt: '{photo.Field("recordedAt")}' is not an ISO 8601 date or date-time", "recordedAt");
            var name = photo.Field("name") ?? Path.GetFileNameWithoutExtension(photo.FileName);
            if (name.Length > 200) return Problems.BadRequest("invalid name", "name: at most 200 characters", "name");
            var ecg = await Task.Run(() => photo.Digitize(name), ct);
            var record = ecg.Record;
            var info = recordedAt is { } at ? record.Info with { StartDate = DateOnly.FromDateTime(at), StartTime = TimeOnly.FromDateTime(at) } : record.Info;
            var reader = new InMemoryReader(new Signal.Records.EcgRecord(info, record.Samples));
            var summary = DigitizedSummary.Of(ecg).ToJson();
            var (recording, job) = await importer.ImportAsync(user.UserId(), reader, Format, photo.FileName, ct, (db, r) =>
            {
                r.DigitizedJson = summary;
                db.RecordingPhotos.Add(new RecordingPhoto { RecordingId = r.Id, ContentType = photo.ContentType, Data = photo.Bytes });
            });
            return Results.Created($"/api/recordings/{recording.Id}", new UploadResult(RecordingView.Of(recording), JobView.Of(job)));
        }, ct);
}
