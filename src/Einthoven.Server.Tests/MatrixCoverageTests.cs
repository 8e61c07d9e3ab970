using System.Reflection;
using Einthoven.Server.Tests.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Einthoven.Server.Tests;

/// <summary>Names the endpoint (method and route template, as mapped) that an authorisation-matrix row checks.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class CoversAttribute(string endpoint) : Attribute
{
    public string Endpoint { get; } = endpoint;
}

/// <summary>
/// Every API endpoint the server maps has a row in <see cref="AuthorizationMatrixTests"/>: adding an endpoint without
/// one fails here, and so does a row naming an endpoint that no longer exists.
/// </summary>
[Collection("sqlite")]
public sealed class MatrixCoverageTests(SqliteFixture fixture)
{
    [Fact]
    public void Every_api_endpoint_has_a_row_in_the_authorisation_matrix()
    {
        var mapped = fixture.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } route && (route.StartsWith("/api/", StringComparison.Ordinal) || route.StartsWith("/i18n/", StringComparison.Ordinal) || route.StartsWith("/fhir/", StringComparison.Ordinal) || route is "/health" or "/predict"))
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["ANY"])
                .Select(m => $"{m} {Normalise(e.RoutePattern.RawText!)}"))
            .ToHashSet();
        var covered = typeof(AuthorizationMatrixTests).GetMethods()
            .SelectMany(m => m.GetCustomAttributes<CoversAttribute>()).Select(c => c.Endpoint).ToHashSet();
        Assert.True(mapped.Except(covered).Order().ToList() is { Count: 0 }, $"endpoints without a matrix row: {string.Join(", ", mapped.Except(covered).Order())}");
        Assert.True(covered.Except(mapped).Order().ToList() is { Count: 0 }, $"matrix rows for endpoints that do not exist: {string.Join(", ", covered.Except(mapped).Order())}");
    }

    private static string Normalise(string route) => route.Length > 1 ? route.TrimEnd('/') : route;
}
