using System.Security.Claims;
using Einthoven.Interop;
using Einthoven.Server.Accounts;
using Einthoven.Server.Api;
using Einthoven.Server.Recordings;
using Einthoven.Server.Sharing;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;
using Hl7.Fhir.Model;

namespace Einthoven.Server.Fhir;

/// <summary>
/// Observation read and search (the ECG of each recording, and once analysed its heart rate, PR, QRS, QT and QTc), and
/// create: an ECG Observation posted for a patient becomes a stored recording of that patient, analysed like an upload.
/// </summary>
public static class FhirObservationEndpoints
{
    /// <summary>The largest body POST /fhir/Observation reads.</summary>
    public const int MaxBodyBytes = 64 * 1024 * 1024;

    /// <summary>What a posted ECG may hold: at most 4,000,000 samples of all leads together (a 12-lead 5-minute ECG at 1 kHz is 3,600,000).</summary>
    public static readonly RecordLimits PostedLimits = new() { MaxTotalSamples = 4_000_000, MaxSamplesPerLead = 4_000_000 };

    public static void Map(RouteGroupBuilder fhir)
    {
        fhir.MapGet("/Observation/{id}", Read).AllowFhirRead();
        fhir.MapGet("/Observation", Search).AllowFhirRead();
        fhir.MapPost("/Observation", Create).AllowScope(TokenScopes.FhirObservationWrite).DisableAntiforgery();
    }

    private static async Task<IResult> Read(string id, ClaimsPrincipal user, PatientAccess access, FhirRecordings recordings, CancellationToken ct)
    {
        if (user.Identity?.IsAuthenticated != true) return FhirResults.Unauthorized();
        var (recordingId, suffix) = SplitId(id);
        if (recordingId is not { } rid || await access.ReadRecordingAsync(user, rid, "fhir.observation.read", ct) is not { } recording)
            return FhirResults.NotFound("Observation");
        if (suffix is null) return FhirResults.Resource(recordings.Ecg(recording));
        var reports = await recordings.ReportsAsync([rid], ct);
        return reports.TryGetValue(rid, out var r) && FhirRecordings.Measurements(recording, r.Report, r.At).FirstOrDefault(o => o.Id == id) is { } measurement
            ? FhirResults.Resource(measurement) : FhirResults.NotFound("Observation");
    }

    private static async Task<IResult> Search(HttpRequest request, ClaimsPrincipal user, PatientAccess access, FhirRecordings recordings, FhirPatients patients, CancellationToken ct)
    {
        if (user.Identity?.IsAuthenticated != true) return FhirResults.Unauthorized();
        var (query, error) = FhirQuery.Parse(request, ["Observation:subject", "Observation:patient"]);
        if (query is null) return error!;
        var patient = query.Patient ?? user.UserId();
        if (!await access.ReadPatientAsync(user, patient, "fhir.observation.search", ct)) return FhirResults.NotFound("Patient");
        var rows = (await recordings.OfPatientAsync(patient, ct)).Where(r => query.DateMatches(r.RecordedAt)).ToList();
        var reports = await recordings.ReportsAsync(rows.Select(r => r.Id).ToList(), ct);
        // Every match as something that makes its resource, so that only the page's ECGs read their samples.
        var matches = new List<(long Samples, Func<Resource> Make)>();
        foreach (var row in rows)
        {
            if (query.CodeMatches(FhirCodes.Mdc, FhirCodes.EcgWaveform))
                matches.Add((Math.Min(row.SampleCount * row.LeadCount, FhirRecordings.MaxSamplesPerObservation), () => recordings.Ecg(row)));
            if (reports.TryGetValue(row.Id, out var r))
                matches.AddRange(FhirRecordings.Measurements(row, r.Report, r.At).Where(o => query.CodeMatches(FhirCodes.Loinc, o.Code.Coding[0].Code))
                    .Select(o => (0L, (Func<Resource>)(() => o))));
        }
        var page = Page(matches, query);
        var included = query.Includes.Count > 0 && page.Count > 0 && await patients.FindAsync(patient, ct) is { } p ? new Resource[] { p } : [];
        return FhirResults.Resource(FhirBundles.Searchset(request, query, page, matches.Count, included));
    }

    /// <summary>
    /// The page's resources: at most _count of them, and no more ECG samples than one Observation may carry (always at
    /// least one match), so that a page of long recordings stays a bounded answer; the next link goes on from there.
    /// </summary>
    private static List<Resource> Page(List<(long Samples, Func<Resource> Make)> matches, FhirQuery query)
    {
        var page = new List<Resource>();
        long samples = 0;
        foreach (var (cost, make) in matches.Skip(query.Offset).Take(query.Count))
        {
            if (page.Count > 0 && samples + cost > FhirRecordings.MaxSamplesPerObservation) break;
            samples += cost;
            page.Add(make());
        }
        return page;
    }

    private static async Task<IResult> Create(HttpRequest request, ClaimsPrincipal user, PatientAccess access, RecordingImporter importer, CancellationToken ct)
    {
        if (user.Identity?.IsAuthenticated != true) return FhirResults.Unauthorized();
        if (request.ContentLength > MaxBodyBytes) return TooLarge();
        using var body = new MemoryStream();
        var chunk = new byte[81920];
        for (int n; (n = await request.Body.ReadAsync(chunk, ct)) > 0;)
        {
            if (body.Length + n > MaxBodyBytes) return TooLarge();
            body.Write(chunk, 0, n);
        }
        var json = System.Text.Encoding.UTF8.GetString(body.GetBuffer(), 0, (int)body.Length);
        Resource resource;
        try { resource = FhirJson.Parse(json); }
        catch (InvalidFhirException e) { return FhirResults.Invalid($"the body is not a FHIR R4 resource in JSON: {e.Message}"); }
        if (resource is not Observation observation) return FhirResults.Invalid($"expected an Observation, got a {resource.TypeName}", "resourceType");
        var reference = observation.Subject?.Reference ?? "";
        var slash = reference.LastIndexOf("Patient/", StringComparison.Ordinal);
        if (slash < 0 || !Guid.TryParse(reference[(slash + "Patient/".Length)..], out var patient))
            return FhirResults.Invalid($"subject '{reference}' must reference the patient as Patient/<id>", "Observation.subject");
        if (patient != user.UserId() && !await access.HoldsGrantAsync(user, patient, ct))
            return FhirResults.NotFound("Patient"); // who may not add to a patient's record does not learn the patient exists
        EcgRecord record;
        try { record = EcgObservationReader.Read(observation, PostedLimits); }
        catch (SignalFormatException e)
        {
            return FhirResults.Invalid($"{e.Field}: {e.Reason}", $"Observation.{e.Field}", e.Problem == SignalProblem.TooLarge ? 413 : 422);
        }
        var (recording, _) = await importer.ImportAsync(patient, new InMemoryReader(record), "fhir", $"{record.Info.Name}.fhir.json", ct);
        var stored = EcgObservation.ToObservation(FhirRecordings.Id(recording.Id), patient.ToString(), record.Info,
            FhirRecordings.Utc(recording.RecordedAt), record.Samples);
        return FhirResults.Resource(stored, 201, $"{FhirBundles.Base(request)}/Observation/{recording.Id}");
    }

    private static IResult TooLarge() => FhirResults.Outcome(413, OperationOutcome.IssueType.TooLong, $"the body is larger than {MaxBodyBytes:N0} bytes");

    /// <summary>"{recording}" is the ECG; "{recording}-{hr|pr|qrs|qt|qtc}" one of its measurements.</summary>
    private static (Guid? Recording, string? Suffix) SplitId(string id)
    {
        if (Guid.TryParse(id, out var whole)) return (whole, null);
        return id.Length > 37 && id[36] == '-' && Guid.TryParse(id[..36], out var g) ? (g, id[37..]) : (null, null);
    }
}
