using System.Net;
using System.Text.Json;
using Einthoven.Server.Tests.Hosting;

namespace Einthoven.Server.Tests;

/// <summary>The viewer window API: envelopes that keep every spike, raw samples when zoomed in, annotations inside.</summary>
public abstract class ViewerTests(ServerFixture fixture)
{
    private World W => fixture.World;
    private HttpClient Owner => W.Owner.Client;

    [ProviderFact]
    public async Task Zoomed_in_windows_are_raw_samples_equal_to_the_upload()
    {
        var record = TestRecords.Synthetic(W.RecordingName, 60, seed: 3);
        var window = await Window("from=10&to=11&points=2000");
        Assert.Equal("raw", window.Str("mode"));
        Assert.Equal(3600, window.GetProperty("startSample").GetInt64());
        var samples = window.GetProperty("leads")[0].GetProperty("samples").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        Assert.Equal(record.Samples[0][3600..3960], samples);
    }

    [ProviderFact]
    public async Task Zoomed_out_windows_are_min_max_envelopes_that_contain_every_sample()
    {
        var record = TestRecords.Synthetic(W.RecordingName, 60, seed: 3);
        foreach (var points in new[] { 100, 1000 })
        {
            var window = await Window($"points={points}&leads=1");
            Assert.Equal("envelope", window.Str("mode"));
            var lead = window.GetProperty("leads")[0];
            Assert.Equal(1, lead.GetProperty("index").GetInt32());
            var min = lead.GetProperty("min").EnumerateArray().Select(v => v.GetInt32()).ToArray();
            var max = lead.GetProperty("max").EnumerateArray().Select(v => v.GetInt32()).ToArray();
            Assert.Equal(points, min.Length);
            Assert.Equal(record.Samples[1].Max(), max.Max());
            Assert.Equal(record.Samples[1].Min(), min.Min());
            var n = record.Samples[1].Length;
            for (var b = 0; b < points; b++)
            {
                var bucket = record.Samples[1][(int)((long)n * b / points)..(int)((long)n * (b + 1) / points)];
                Assert.True(min[b] <= bucket.Min() && max[b] >= bucket.Max(), $"bucket {b} of {points} misses a sample");
            }
        }
    }

    [ProviderFact]
    public async Task The_window_carries_the_beats_inside_it()
    {
        var record = TestRecords.Synthetic(W.RecordingName, 60, seed: 3);
        var window = await Window("from=20&to=30&points=500&leads=MLII");
        var atr = window.GetProperty("annotations").GetProperty("atr").EnumerateArray().Select(a => a.GetProperty("sample").GetInt64()).ToList();
        var expected = record.Annotations["atr"].Where(a => a.Sample >= 7200 && a.Sample < 10800).Select(a => a.Sample).ToList();
        Assert.Equal(expected, atr);
        var analysis = window.GetProperty("annotations").GetProperty("analysis").GetArrayLength();
        Assert.InRange(analysis, 8, 12);
        Assert.Contains("not a certified medical device", window.Str("disclaimer"));
    }

    [ProviderFact]
    public async Task Bad_windows_are_refused_with_the_parameter_named()
    {
        foreach (var (query, field) in new[] { ("points=0", "points"), ("from=5&to=2", "from"), ("from=500", "from"), ("leads=V9", "leads"), ("leads=7", "leads") })
        {
            var problem = await (await Owner.GetAsync($"/api/recordings/{W.Recording}/window?{query}")).JsonAsync(HttpStatusCode.BadRequest);
            Assert.Equal(field, problem.Str("field"));
        }
    }

    private async Task<JsonElement> Window(string query) =>
        await (await Owner.GetAsync($"/api/recordings/{W.Recording}/window?{query}")).JsonAsync();
}

[Collection("sqlite")]
public sealed class SqliteViewerTests(SqliteFixture fixture) : ViewerTests(fixture);

[Collection("postgres"), UsesPostgres]
public sealed class PostgresViewerTests(PostgresFixture fixture) : ViewerTests(fixture);
