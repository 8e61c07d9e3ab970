using System.Security.Claims;
using Einthoven.Server.Accounts;
using Einthoven.Server.Api;
using Einthoven.Server.Audit;
using Einthoven.Server.Localization;
using Einthoven.Server.Recordings;
using Einthoven.Server.Sharing;
using Einthoven.Server.Storage;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Formats.Dicom;
using Einthoven.Signal.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Einthoven.Server.Pacs;

public sealed record PacsView(bool Configured, string? Name);

public sealed record PacsSent(string Pacs, string StudyInstanceUid, string SeriesInstanceUid, string SopInstanceUid, string SopClassUid);

public sealed record PacsImportRequest(Guid PatientId, string? StudyInstanceUid, string? SeriesInstanceUid, string? SopInstanceUid);

/// <summary>
/// The hospital PACS (Einthoven:Pacs) over DICOMweb: a doctor holding a live grant sends a patient's recording to it as a
/// DICOM ECG waveform (STOW-RS), finds ECG instances in it (QIDO-RS), and imports one into a patient's recordings
/// (WADO-RS), where it is analysed like an upload. Every send and import is audited.
/// </summary>
public static class PacsEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/pacs", (IOptions<ServerOptions> o) => Results.Ok(new PacsView(o.Value.Pacs.Configured, o.Value.Pacs.Configured ? o.Value.Pacs.Name : null)))
            .WithTags("PACS").RequireAuthorization().Produces<PacsView>().WithSummary("Whether a PACS is configured, and its name");
        app.MapPost("/api/recordings/{id:guid}/pacs", Send).WithTags("PACS").RequireAuthorization()
            .Produces<PacsSent>().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422).ProducesProblem(502)
            .WithSummary("Send the recording to the PACS as a DICOM ECG waveform (a doctor holding a live grant from its patient)");
        var doctors = app.MapGroup("/api/pacs").WithTags("PACS").RequireAuthorization(p => p.RequireRole(Roles.Doctor));
        doctors.MapGet("/instances", Search).Produces<List<PacsInstance>>().ProducesProblem(409).ProducesProblem(502)
            .WithSummary("ECG waveform instances in the PACS, optionally of one PACS Patient ID (doctors)");
        doctors.MapPost("/import", Import).Produces<UploadResult>(StatusCodes.Status201Created)
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(413).ProducesProblem(422).ProducesProblem(502)
            .WithSummary("Import one instance from the PACS into the recordings of a patient who granted you access; it is analysed like an upload");
    }

    private static async Task<IResult> Send(Guid id, ClaimsPrincipal user, AppDb db, PatientAccess access, AuditLog audit, DicomWebClient pacs,
        IOptions<ServerOptions> options, CancellationToken ct)
    {
        var recording = await db.Recordings.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (recording is null || !await access.CanReadRecordingAsync(user, recording, ct)) return Problems.NotFound("recording");
        if (!await access.HoldsGrantAsync(user, recording.PatientId, ct))
            return Problems.Forbidden(new ProblemText("only a doctor the patient has shared this recording with sends it to the PACS", "problems.pacs.doctorsOnly"));
        if (!options.Value.Pacs.Configured) return NotConfigured();

        var patient = await db.Users.AsNoTracking().Where(u => u.Id == recording.PatientId).Select(u => u.DisplayName).SingleAsync(ct);
        var identity = new DicomWriteOptions
        {
            PatientId = recording.PatientId.ToString("N"), PatientName = patient,
            StudyInstanceUid = DicomWriteOptions.NewUid(), SeriesInstanceUid = DicomWriteOptions.NewUid(), SopInstanceUid = DicomWriteOptions.NewUid(),
        };
        var file = Path.Combine(options.Value.DataFolder, "pacs", $"{Guid.NewGuid():N}.dcm");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        try
        {
            string sopClass;
            try
            {
                // The writer reads the stored chunks synchronously; a long recording takes seconds, so off the pool.
                sopClass = await Task.Factory.StartNew(() =>
                {
                    using var reader = new StoredRecordingReader(db, recording, withAnalysis: true);
                    using (var output = File.Create(file)) DicomWaveformFile.Write(reader, output, identity);
                    return DicomWaveformFile.SopClassFor(reader.Info);
                }, ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            }
            catch (ArgumentException e)
            {
                return new LocalizedProblem(422, "not representable in DICOM", new ProblemText($"no DICOM ECG waveform IOD holds this recording: {e.Message}"));
            }
            await using (var stream = File.OpenRead(file)) await pacs.StoreAsync(stream, ct);
            await audit.RecordAsync(user.UserId(), recording.PatientId, "recording.send-to-pacs", recording.Id, ct);
            return Results.Ok(new PacsSent(options.Value.Pacs.Name, identity.StudyInstanceUid!, identity.SeriesInstanceUid!, identity.SopInstanceUid!, sopClass));
        }
        catch (PacsException e) { return Unreachable(options.Value.Pacs, e); }
        finally { File.Delete(file); }
    }

    private static async Task<IResult> Search(string? patientId, DicomWebClient pacs, IOptions<ServerOptions> options, CancellationToken ct)
    {
        if (!options.Value.Pacs.Configured) return NotConfigured();
        if (patientId is { Length: > 64 }) return Problems.BadRequest("invalid patientId", "patientId: at most 64 characters (a DICOM Patient ID)", "patientId");
        try { return Results.Ok(await pacs.SearchAsync(patientId, ct)); }
        catch (PacsException e) { return Unreachable(options.Value.Pacs, e); }
    }

    private static async Task<IResult> Import(PacsImportRequest body, ClaimsPrincipal user, PatientAccess access, AuditLog audit, DicomWebClient pacs,
        RecordingImporter importer, IOptions<ServerOptions> options, CancellationToken ct)
    {
        if (!await access.HoldsGrantAsync(user, body.PatientId, ct)) return Problems.NotFound("patient");
        if (!options.Value.Pacs.Configured) return NotConfigured();
        foreach (var (field, uid) in new[] { ("studyInstanceUid", body.StudyInstanceUid), ("seriesInstanceUid", body.SeriesInstanceUid), ("sopInstanceUid", body.SopInstanceUid) })
            if (!DicomWebClient.IsUid(uid))
                return Problems.BadRequest("invalid UID", $"{field}: a DICOM UID (digits and dots, at most 64 characters)", field);
        byte[] bytes;
        try { bytes = await pacs.RetrieveAsync(body.StudyInstanceUid!, body.SeriesInstanceUid!, body.SopInstanceUid!, ct); }
        catch (PacsException e) { return Unreachable(options.Value.Pacs, e); }

        var name = $"{body.SopInstanceUid}.dcm";
        try
        {
            using var reader = DicomWaveformFile.Open(new MemoryStream(bytes), name, new FormatOptions { Limits = options.Value.Limits });
            var (recording, job) = await importer.ImportAsync(body.PatientId, reader, "dicom", name, ct);
            await audit.RecordAsync(user.UserId(), body.PatientId, "recording.import-from-pacs", recording.Id, ct);
            return Results.Created($"/api/recordings/{recording.Id}", new UploadResult(RecordingView.Of(recording), JobView.Of(job)));
        }
        catch (SignalFormatException e) { return UploadProblems.For(e); }
    }

    private static IResult NotConfigured() =>
        Problems.Conflict(new ProblemText("no PACS is configured on this server (Einthoven:Pacs:DicomWebUrl)", "problems.pacs.notConfigured"));

    private static IResult Unreachable(PacsOptions pacs, PacsException e) =>
        new LocalizedProblem(502, "PACS error", new ProblemText($"{pacs.Name}: {e.Message}"));
}
