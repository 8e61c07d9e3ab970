using Einthoven.Server.Accounts;

namespace Einthoven.Server.Fhir;

/// <summary>
/// The FHIR R4 API under /fhir (docs/SERVER.md, "FHIR"): the same accounts, grants and tokens as the REST API, with
/// SMART-style token scopes. Described by its CapabilityStatement (/fhir/metadata), not by the OpenAPI document.
/// </summary>
public static class FhirEndpoints
{
    public static void Add(IServiceCollection services)
    {
        services.AddScoped<FhirRecordings>();
        services.AddScoped<FhirPatients>();
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        var fhir = app.MapGroup("/fhir").WithTags("FHIR").ExcludeFromDescription();
        FhirCapability.Map(fhir);
        FhirPatientEndpoints.Map(fhir);
        FhirObservationEndpoints.Map(fhir);
        FhirReportEndpoints.Map(fhir);
        FhirBookingEndpoints.Map(fhir);
    }

    /// <summary>Lets tokens limited to reading through FHIR (patient/*.read or user/*.read) call the endpoint.</summary>
    public static RouteHandlerBuilder AllowFhirRead(this RouteHandlerBuilder builder) =>
        builder.AllowScope(TokenScopes.FhirPatientRead).AllowScope(TokenScopes.FhirUserRead);
}
