using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace Einthoven.Server.Tests.Hosting;

/// <summary>Firely's validator against the base R4 profiles (the specification shipped in Hl7.Fhir.Specification.Data.R4).</summary>
public static class FhirValidation
{
    private static readonly Lazy<Validator> Shared = new(() =>
    {
        var resolver = new CachedResolver(ZipSource.CreateValidationSource());
        return new Validator(resolver, new LocalTerminologyService(resolver));
    });

    private static readonly Lock Gate = new();

    /// <summary>The errors (and fatal issues) Firely finds in the resource, as text; empty when it is valid R4.</summary>
    public static List<string> Errors(Resource resource)
    {
        OperationOutcome outcome;
        lock (Gate) outcome = Shared.Value.Validate(resource);
        return outcome.Issue.Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
            .Select(i => $"{resource.TypeName}/{resource.Id}: {string.Join(",", i.Expression ?? [])} {i.Details?.Text ?? i.Diagnostics}").ToList();
    }

    public static void AssertValid(params Resource[] resources)
    {
        var errors = resources.SelectMany(Errors).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}
