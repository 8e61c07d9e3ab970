using System.Text.Json;
using Einthoven.Server.Tests.Hosting;

namespace Einthoven.Server.Tests;

/// <summary>
/// The OpenAPI document at /docs/v1/openapi.json describes every answer: each operation documents a success status,
/// and each success that has a body documents its content type and schema (binary for downloads).
/// </summary>
[Collection("sqlite")]
public sealed class OpenApiTests(SqliteFixture fixture)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    public static readonly string[] ReportFields =
    [
        "record", "samplingFrequency", "durationSeconds", "leads", "beats", "heartRate", "hrvTime", "hrvFrequency", "intervals",
        "quality", "pacing", "rhythm", "models", "notMeasured", "disclaimer", "pacemaker", "statements",
    ];

    private async Task<JsonElement> DocumentAsync() => await (await fixture.World.Anonymous.GetAsync("/docs/v1/openapi.json")).JsonAsync();

    [Fact]
    public async Task Every_operation_documents_its_success_answer_and_the_schema_of_its_body()
    {
        var failures = new List<string>();
        var operations = 0;
        foreach (var path in (await DocumentAsync()).GetProperty("paths").EnumerateObject())
        foreach (var operation in path.Value.EnumerateObject().Where(o => Methods.Contains(o.Name)))
        {
            operations++;
            var name = $"{operation.Name.ToUpperInvariant()} {path.Name}";
            var success = operation.Value.GetProperty("responses").EnumerateObject().Where(r => r.Name[0] is '2' or '3').ToList();
            if (success.Count == 0) failures.Add($"{name}: no success answer documented");
            foreach (var response in success.Where(r => r.Name[0] == '2'))
            {
                var hasContent = response.Value.TryGetProperty("content", out var content) && content.EnumerateObject().Any();
                if (response.Name == "204")
                {
                    if (hasContent) failures.Add($"{name}: 204 with a body");
                    continue;
                }
                if (!hasContent) failures.Add($"{name}: {response.Name} without a documented body");
                else
                    foreach (var media in content.EnumerateObject().Where(m => !HasSchema(m.Value)))
                        failures.Add($"{name}: {response.Name} {media.Name} without a schema");
            }
        }
        Assert.True(operations > 30, $"only {operations} operations documented");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task A_download_is_documented_as_binary()
    {
        var ok = (await DocumentAsync()).GetProperty("paths").GetProperty("/api/recordings/{id}/download").GetProperty("get")
            .GetProperty("responses").GetProperty("200").GetProperty("content");
        foreach (var type in new[] { "application/octet-stream", "application/zip" })
        {
            var schema = ok.GetProperty(type).GetProperty("schema");
            Assert.Equal(("string", "binary"), (schema.GetProperty("type").GetString(), schema.GetProperty("format").GetString()));
        }
    }

    [Fact]
    public async Task The_analysis_report_is_a_schema_with_its_fields_and_the_analysis_answers_carry_it()
    {
        var schemas = (await DocumentAsync()).GetProperty("components").GetProperty("schemas");
        Assert.Equal(ReportFields.Order(), Properties(schemas, "AnalysisReport").Order());
        foreach (var holder in new[] { "AnalysisView", "RecordingSummary" })
            Assert.Contains("#/components/schemas/AnalysisReport", schemas.GetProperty(holder).GetProperty("properties").GetProperty("summary").GetRawText());
        Assert.Contains("byClass", Properties(schemas, "BeatCounts"));
        Assert.Contains("windows", Properties(schemas, "RhythmVerdict"));
    }

    public static IEnumerable<string> Properties(JsonElement schemas, string name) =>
        schemas.GetProperty(name).GetProperty("properties").EnumerateObject().Select(p => p.Name);

    private static bool HasSchema(JsonElement media) =>
        media.TryGetProperty("schema", out var schema) && (schema.TryGetProperty("$ref", out _) || schema.TryGetProperty("type", out _)
            || schema.TryGetProperty("oneOf", out _) || schema.TryGetProperty("allOf", out _));
}
