using System.Security.Claims;
using Einthoven.Server.Api;
using Einthoven.Server.Sharing;
using Hl7.Fhir.Model;

namespace Einthoven.Server.Fhir;

/// <summary>DiagnosticReport read and search: the analysis of a recording once it has run, with its measurement Observations as results.</summary>
public static class FhirReportEndpoints
{
    public static void Map(RouteGroupBuilder fhir)
    {
        fhir.MapGet("/DiagnosticReport/{id}", Read).AllowFhirRead();
        fhir.MapGet("/DiagnosticReport", Search).AllowFhirRead();
    }

    private static async Task<IResult> Read(string id, ClaimsPrincipal user, PatientAccess access, FhirRecordings recordings, CancellationToken ct)
    {
        if (user.Identity?.IsAuthenticated != true) return FhirResults.Unauthorized();
        if (!Guid.TryParse(id, out var rid) || await access.ReadRecordingAsync(user, rid, "fhir.report.read", ct) is not { } recording)
            return FhirResults.NotFound("DiagnosticReport");
        return (await recordings.ReportsAsync([rid], ct)).TryGetValue(rid, out var r)
            ? FhirResults.Resource(FhirRecordings.Report(recording, r.Report, r.At)) : FhirResults.NotFound("DiagnosticReport");
    }

    private static async Task<IResult> Search(HttpRequest request, ClaimsPrincipal user, PatientAccess access, FhirRecordings recordings, FhirPatients patients, CancellationToken ct)
    {
        if (user.Identity?.IsAuthenticated != true) return FhirResults.Unauthorized();
        var (query, error) = FhirQuery.Parse(request, ["DiagnosticReport:result", "DiagnosticReport:subject", "DiagnosticReport:patient"]);
        if (query is null) return error!;
        var patient = query.Patient ?? user.UserId();
        if (!await access.ReadPatientAsync(user, patient, "fhir.report.search", ct)) return FhirResults.NotFound("Patient");
        var rows = (await recordings.OfPatientAsync(patient, ct)).Where(r => query.DateMatches(r.RecordedAt)).ToList();
        var reports = await recordings.ReportsAsync(rows.Select(r => r.Id).ToList(), ct);
        var analysed = rows.Where(r => reports.ContainsKey(r.Id) && query.CodeMatches(Interop.FhirCodes.Loinc, Interop.FhirCodes.EkgStudy)).ToList();
        var page = analysed.Skip(query.Offset).Take(query.Count).ToList();
        var included = new List<Resource>();
        if (query.Includes.Contains("DiagnosticReport:result"))
            included.AddRange(page.SelectMany(r => FhirRecordings.Measurements(r, reports[r.Id].Report, reports[r.Id].At)));
        if (page.Count > 0 && (query.Includes.Contains("DiagnosticReport:subject") || query.Includes.Contains("DiagnosticReport:patient"))
            && await patients.FindAsync(patient, ct) is { } p) included.Add(p);
        var matches = page.Select(r => (Resource)FhirRecordings.Report(r, reports[r.Id].Report, reports[r.Id].At)).ToList();
        return FhirResults.Resource(FhirBundles.Searchset(request, query, matches, analysed.Count, included));
    }
}
