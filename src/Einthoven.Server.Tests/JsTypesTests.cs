using System.Text.Json;
using System.Text.RegularExpressions;
using Einthoven.Server.Tests.Hosting;

namespace Einthoven.Server.Tests;

/// <summary>
/// The web UI's JSDoc types (js/core/types.js) name the same properties as the C# records behind the API: every typedef
/// is compared with the OpenAPI schema of the same name, so renaming a field on either side fails here.
/// </summary>
[Collection("sqlite")]
public sealed partial class JsTypesTests(SqliteFixture fixture)
{
    private static readonly string[] Report =
    [
        "AnalysisReport", "BeatCounts", "RateSummary", "TimeDomainHrv", "FrequencyDomainHrv", "GlobalMeasurements", "QualitySummary",
        "QualitySegment", "PacingSummary", "RhythmVerdict", "RhythmWindow", "ModelVersion", "PacemakerVerdict",
    ];

    [Fact]
    public async Task Every_typedef_has_the_properties_of_its_openapi_schema()
    {
        var typedefs = Typedefs(await fixture.World.Anonymous.GetStringAsync("/js/core/types.js"));
        Assert.Empty(Report.Except(typedefs.Keys));
        var spec = await (await fixture.World.Anonymous.GetAsync("/docs/v1/openapi.json")).JsonAsync();
        var schemas = spec.GetProperty("components").GetProperty("schemas");
        foreach (var (name, properties) in typedefs)
        {
            Assert.True(schemas.TryGetProperty(name, out _), $"types.js {name} has no OpenAPI schema of that name");
            Assert.Equal(OpenApiTests.Properties(schemas, name).Order(StringComparer.Ordinal), properties.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void Typedefs_are_read_with_their_properties()
    {
        var parsed = Typedefs("""
            /**
             * @typedef {object} A
             * @property {string} x the x
             * @property {B | null} [y]
             */
            /** @typedef {object} B
             * @property {number} z */
            """);
        Assert.Equal(["x", "y"], parsed["A"]);
        Assert.Equal(["z"], parsed["B"]);
    }

    private static Dictionary<string, List<string>> Typedefs(string js) =>
        Comment().Matches(js).Select(m => m.Value).Where(c => Typedef().IsMatch(c))
            .ToDictionary(c => Typedef().Match(c).Groups[1].Value, c => Property().Matches(c).Select(p => p.Groups[1].Value).ToList());

    [GeneratedRegex(@"/\*\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"@typedef\s+\{object\}\s+(\w+)")]
    private static partial Regex Typedef();

    [GeneratedRegex(@"@property\s+\{[^}]*\}\s+\[?(\w+)\]?")]
    private static partial Regex Property();
}
