using Einthoven.Server.Api;

namespace Einthoven.Server.Accounts;

/// <summary>Marks an endpoint that a token limited to <paramref name="scope"/> may call.</summary>
public sealed record AllowsScope(string Scope);

/// <summary>
/// Scopes of personal access tokens. A token made with scopes (stored space-separated in
/// <see cref="PersonalAccessToken.Scopes"/>) may call only the endpoints marked with one of them
/// (<see cref="AllowScope{TBuilder}"/>) and is answered 403 everywhere else, including token management, so it cannot
/// make itself a wider token. A full-access token (no scopes) and a signed-in session are not limited by scopes.
/// </summary>
public static class TokenScopes
{
    /// <summary>The pacemaker service's <c>POST /predict</c> (SPEC C8).</summary>
    public const string PacemakerPredict = "pacemaker:predict";

    /// <summary>SMART-style scopes of the FHIR API (/fhir): reading what the token's user may read, and posting ECG Observations.</summary>
    public const string FhirPatientRead = "patient/*.read", FhirUserRead = "user/*.read", FhirObservationWrite = "patient/Observation.write";

    public const string Claim = "einthoven:scope", ScopedClaim = "einthoven:scoped";

    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal) { PacemakerPredict, FhirPatientRead, FhirUserRead, FhirObservationWrite };

    public static IReadOnlyList<string>? Parse(string? stored) =>
        string.IsNullOrWhiteSpace(stored) ? null : stored.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Lets a token limited to <paramref name="scope"/> call the endpoint(s).</summary>
    public static TBuilder AllowScope<TBuilder>(this TBuilder builder, string scope) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AllowsScope(scope));

    /// <summary>Refuses a scoped token's request to any endpoint its scopes do not allow (after authentication, before authorisation).</summary>
    public static void Use(WebApplication app) => app.Use(async (context, next) =>
    {
        var user = context.User;
        if (!user.HasClaim(c => c.Type == ScopedClaim))
        {
            await next(context);
            return;
        }
        var held = user.FindAll(Claim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var allowed = context.GetEndpoint()?.Metadata.GetOrderedMetadata<AllowsScope>() ?? [];
        if (allowed.Any(a => held.Contains(a.Scope)))
        {
            await next(context);
            return;
        }
        var refusal = $"this token is limited to {string.Join(", ", held.Order())}; {context.Request.Method} {context.Request.Path} "
            + (allowed.Count == 0 ? "needs a full-access token" : $"needs the scope {string.Join(" or ", allowed.Select(a => a.Scope))}");
        await (Fhir.FhirResults.IsFhir(context) ? Fhir.FhirResults.Forbidden(refusal) : Problems.Forbidden(refusal)).ExecuteAsync(context);
    });
}
