using System.Net;
using System.Text.Json.Nodes;
using Einthoven.Models.Analysis;
using Einthoven.Server.Tests.Hosting;
using Einthoven.Signal.Formats;
using Einthoven.TestSupport;

namespace Einthoven.Server.Tests;

/// <summary>A real MIT-BIH record through the API: stored exactly, analysed (beat classes, rhythm, measurements) as the CLI analyses the file.</summary>
public abstract class MitBihThroughApiTests(ServerFixture fixture)
{
    [ProviderFact]
    public async Task Record_100_is_stored_losslessly_and_analysed_like_the_cli_analyses_the_file()
    {
        var path = Path.Combine(TestData.MitDb, "100");
        var client = fixture.World.Actors[Who.OtherPatient].Client;
        var created = await (await client.UploadAsync([path + ".hea", path + ".dat", path + ".atr"])).JsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("recording").Id();
        var record = RecordFiles.Read(path);

        var window = await (await client.GetAsync($"/api/recordings/{id}/window?from=600&to=601&leads=1")).JsonAsync();
        var samples = window.GetProperty("leads")[0].GetProperty("samples").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        Assert.Equal(record.Samples[1][216_000..216_360], samples);
        var storedBytes = created.GetProperty("recording").GetProperty("storedBytes").GetInt64();
        Assert.True(storedBytes < 2 * record.Info.SampleCount, $"{storedBytes} bytes for {2 * record.Info.SampleCount} samples");

        var analysis = await fixture.World.WaitForAnalysisAsync(id, client);
        Assert.Equal("Succeeded", analysis.GetProperty("job").Str("state"));
        var cli = JsonNode.Parse(LocalCli.Run("analyze", path, "--json"))!;
        var server = JsonNode.Parse(analysis.GetProperty("summary").GetRawText())!;
        Assert.True(JsonNode.DeepEquals(cli, server), $"CLI:\n{cli}\nserver:\n{server}");
        var detected = cli["beats"]!["detected"]!.GetValue<int>();
        Assert.InRange(detected, 2200, 2330); // 2273 reference beats
        var byClass = cli["beats"]!["byClass"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<int>());
        var stored = analysis.GetProperty("beatCounts").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        Assert.Equal(byClass.Where(c => c.Value > 0).OrderBy(c => c.Key), stored.OrderBy(c => c.Key));
        Assert.InRange(byClass["N"], 2150, 2300); // 2239 normal beats in the reference
        Assert.Equal(("N", "normal sinus rhythm"), (cli["rhythm"]!["label"]!.GetValue<string>(), cli["rhythm"]!["name"]!.GetValue<string>()));
        Assert.Equal(60, cli["rhythm"]!["windows"]!.AsArray().Count);
        Assert.Equal(ModelAnalyzer.Shipped.Name, analysis.Str("analyzer"));
    }
}

[Collection("sqlite")]
public sealed class SqliteMitBihThroughApiTests(SqliteFixture fixture) : MitBihThroughApiTests(fixture);

[Collection("postgres"), UsesPostgres]
public sealed class PostgresMitBihThroughApiTests(PostgresFixture fixture) : MitBihThroughApiTests(fixture);
