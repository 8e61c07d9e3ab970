using System.Security.Claims;
using Einthoven.Server.Accounts;
using Einthoven.Server.Api;
using Einthoven.Server.Sharing;
using Hl7.Fhir.Model;

namespace Einthoven.Server.Fhir;

/// <summary>
/// Patient read and search: a patient sees themself, a doctor also the patients who granted them access. Creating a
/// Patient is refused: an Einthoven patient account is made by its owner (who agrees to the terms and sets a password),
/// and a doctor or hospital reaches it through the access key the patient gives.
/// </summary>
public static class FhirPatientEndpoints
{
    public static void Map(RouteGroupBuilder fhir)
    {
        fhir.MapGet("/Patient/{id}", Read).AllowFhirRead();
        fhir.MapGet("/Patient", Search).AllowFhirRead();
        fhir.MapPost("/Patient", Create).DisableAntiforgery();
    }

    private static async Task<IResult> Read(string id, ClaimsPrincipal user, PatientAccess access, FhirPatients patients, CancellationToken ct)
    {
        if (user.Identity?.IsAuthenticated != true) return FhirResults.Unauthorized();
        return Guid.TryParse(id, out var patient) && await access.ReadPatientAsync(user, patient, "fhir.patient.read", ct) && await patients.FindAsync(patient, ct) is { } found
            ? FhirResults.Resource(found) : FhirResults.NotFound("Patient");
    }

    private static async Task<IResult> Search(HttpRequest request, ClaimsPrincipal user, FhirPatients patients, CancellationToken ct)
    {
        if (user.Identity?.IsAuthenticated != true) return FhirResults.Unauthorized();
        var (query, error) = FhirQuery.Parse(request);
        if (query is null) return error!;
        var found = new List<Resource>();
        foreach (var id in await patients.VisibleAsync(user.UserId(), user.IsInRole(Roles.Doctor), ct))
            if (await patients.FindAsync(id, ct) is { } patient) found.Add(patient);
        return FhirResults.Resource(FhirBundles.Searchset(request, query, found.Skip(query.Offset).Take(query.Count).ToList(), found.Count, []));
    }

    private static IResult Create(ClaimsPrincipal user) => user.Identity?.IsAuthenticated != true ? FhirResults.Unauthorized()
        : FhirResults.Outcome(405, OperationOutcome.IssueType.NotSupported,
            "Patients cannot be created through FHIR: a patient makes their own account (agreeing to the terms and choosing a password) and gives a doctor access with an access key (POST /api/access-keys).");
}
