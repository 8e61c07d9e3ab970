using Einthoven.Server.Accounts;
using Hl7.Fhir.Model;

namespace Einthoven.Server.Fhir;

/// <summary>GET /fhir/metadata: the CapabilityStatement, open to everyone, as FHIR clients ask for it before anything else.</summary>
public static class FhirCapability
{
    public static void Map(RouteGroupBuilder fhir) =>
        fhir.MapGet("/metadata", (HttpRequest request) => FhirResults.Resource(Statement(FhirBundles.Base(request)))).AllowFhirRead()
            .AllowScope(TokenScopes.FhirObservationWrite);

    public static CapabilityStatement Statement(string baseUrl) => new()
    {
        Status = PublicationStatus.Active,
        Date = "2026-12-07",
        Kind = CapabilityStatementKind.Instance,
        Software = new CapabilityStatement.SoftwareComponent { Name = "Einthoven" },
        Implementation = new CapabilityStatement.ImplementationComponent { Description = "Einthoven ECG platform", Url = baseUrl },
        FhirVersion = FHIRVersion.N4_0_1,
        Format = ["application/fhir+json"],
        Rest =
        [
            new CapabilityStatement.RestComponent
            {
                Mode = CapabilityStatement.RestfulCapabilityMode.Server,
                Security = new CapabilityStatement.SecurityComponent
                {
                    Description = $"Session cookie or personal access token (Authorization: Bearer eth_...). A token limited to scopes may use "
                                  + $"{TokenScopes.FhirPatientRead} or {TokenScopes.FhirUserRead} to read and {TokenScopes.FhirObservationWrite} to post ECG Observations. "
                                  + Api.Disclaimer.Text,
                },
                Resource =
                [
                    Resource(ResourceType.Patient, [CapabilityStatement.TypeRestfulInteraction.Read, CapabilityStatement.TypeRestfulInteraction.SearchType], []),
                    Resource(ResourceType.Observation, [CapabilityStatement.TypeRestfulInteraction.Read, CapabilityStatement.TypeRestfulInteraction.SearchType, CapabilityStatement.TypeRestfulInteraction.Create],
                        [("patient", SearchParamType.Reference), ("subject", SearchParamType.Reference), ("date", SearchParamType.Date), ("code", SearchParamType.Token)],
                        "Observation:subject", "Observation:patient"),
                    Resource(ResourceType.DiagnosticReport, [CapabilityStatement.TypeRestfulInteraction.Read, CapabilityStatement.TypeRestfulInteraction.SearchType],
                        [("patient", SearchParamType.Reference), ("subject", SearchParamType.Reference), ("date", SearchParamType.Date), ("code", SearchParamType.Token)],
                        "DiagnosticReport:result", "DiagnosticReport:subject", "DiagnosticReport:patient"),
                    Resource(ResourceType.Appointment, [CapabilityStatement.TypeRestfulInteraction.SearchType], [("patient", SearchParamType.Reference), ("date", SearchParamType.Date)]),
                    Resource(ResourceType.Slot, [CapabilityStatement.TypeRestfulInteraction.SearchType], [("schedule", SearchParamType.Reference), ("start", SearchParamType.Date)]),
                ],
            },
        ],
    };

    private static CapabilityStatement.ResourceComponent Resource(ResourceType type, CapabilityStatement.TypeRestfulInteraction[] interactions,
        (string Name, SearchParamType Type)[] parameters, params string[] includes) => new()
    {
        Type = type.ToString(),
        Interaction = interactions.Select(i => new CapabilityStatement.ResourceInteractionComponent { Code = i }).ToList(),
        SearchParam = [.. parameters.Select(p => new CapabilityStatement.SearchParamComponent { Name = p.Name, Type = p.Type }),
            new CapabilityStatement.SearchParamComponent { Name = "_count", Type = SearchParamType.Number }],
        SearchInclude = includes.ToList(),
    };
}
