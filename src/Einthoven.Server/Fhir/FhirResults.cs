using Einthoven.Interop;
using Hl7.Fhir.Model;

namespace Einthoven.Server.Fhir;

/// <summary>
/// Answers of the FHIR API: a resource as application/fhir+json, and every error as an OperationOutcome with its 4xx
/// status (the FHIR way of saying what RFC 7807 problems say elsewhere in the API).
/// </summary>
public static class FhirResults
{
    public static bool IsFhir(HttpContext context) => context.Request.Path.StartsWithSegments("/fhir");

    public static IResult Resource(Resource resource, int status = 200, string? location = null) => new FhirResult(resource, status, location);

    public static IResult NotFound(string what) => Outcome(404, OperationOutcome.IssueType.NotFound, $"No {what} with that id is visible to you.");

    public static IResult Unauthorized() => Outcome(401, OperationOutcome.IssueType.Login, "sign in or send a personal access token (Authorization: Bearer eth_...)");

    public static IResult Forbidden(string detail) => Outcome(403, OperationOutcome.IssueType.Forbidden, detail);

    public static IResult Invalid(string detail, string? expression = null, int status = 400) => Outcome(status, OperationOutcome.IssueType.Invalid, detail, expression);

    public static IResult Outcome(int status, OperationOutcome.IssueType type, string detail, string? expression = null)
    {
        var issue = new OperationOutcome.IssueComponent { Severity = OperationOutcome.IssueSeverity.Error, Code = type, Diagnostics = detail };
        if (expression is not null) issue.Expression = [expression];
        return new FhirResult(new OperationOutcome { Issue = [issue] }, status, null);
    }

    private sealed class FhirResult(Resource resource, int status, string? location) : IResult
    {
        public async System.Threading.Tasks.Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = FhirJson.MediaType + "; charset=utf-8";
            if (location is not null) context.Response.Headers.Location = location;
            await FhirJson.SerializeAsync(context.Response.Body, resource, context.RequestAborted);
        }
    }
}
