using Einthoven.Server.BrowserTests.Hosting;

namespace Einthoven.Server.BrowserTests;

/// <summary>The viewer's pure geometry modules, run in the browser that uses them.</summary>
[Collection("browser")]
public sealed class ViewerGeometryTests(BrowserFixture fixture) : IAsyncLifetime
{
    private Tab? _tab;

    public async Task InitializeAsync()
    {
        _tab = await fixture.OpenAsync(Device.Desktop);
        await _tab.GotoAsync("/settings");
    }

    public async Task DisposeAsync()
    {
        if (_tab is not null) await _tab.DisposeAsync();
    }

    private Task<T> Run<T>(string module, string body) =>
        _tab!.Page.EvaluateAsync<T>($"import('/js/{module}').then(m => {{ {body} }})");

    [Theory]
    [InlineData(1.0)]
    [InlineData(1.5)]
    [InlineData(2.625)]
    [InlineData(3.0)]
    public async Task Grid_lines_stay_within_a_device_pixel_of_the_exact_millimetre_over_a_metre_of_paper(double dpr)
    {
        // 1000 lines of 1 mm: the worst error against the exact position, in device pixels, and the majors' indices.
        var worst = await Run<double>("viewer/scale.js", $$"""
            const mm = 96 / 25.4, origin = 13.37;
            const lines = m.gridLines(0, 1000 * mm + 20, origin, mm, {{dpr}});
            if (lines.filter(l => l.major).some(l => Math.round((l.x - origin) / mm) % 5 !== 0)) return 99;
            return Math.max(...lines.map((l, k) => Math.abs(l.x - (origin + (k + Math.ceil(-origin / mm)) * mm)) * {{dpr}}));
            """);
        Assert.InRange(worst, 0, 1.0);
    }

    [Fact]
    public async Task Tiles_request_exactly_their_samples_at_every_level()
    {
        // The server floors from x rate and ceils to x rate; the quarter-sample nudge must land on the tile bounds.
        var wrong = await Run<int>("viewer/scale.js", """
            let wrong = 0;
            for (const fs of [128, 250, 257, 300, 360, 500, 1000]) for (const level of [0, 3, 9, 14]) for (let i = 0; i < 40; i++) {
              const n = 31_104_000;
              if (i * 1024 * 2 ** level >= n) continue;
              const r = m.tileRequest(level, i, 1024, n, fs);
              const end = Math.min(n, Math.ceil(Math.min(r.to, n / fs) * fs));
              if (Math.floor(Math.min(r.from, n / fs) * fs) !== r.start || end !== r.end) wrong++;
              if (r.points !== Math.ceil((r.end - r.start) / 2 ** level)) wrong++;
            }
            return wrong;
            """);
        Assert.Equal(0, wrong);
    }

    [Fact]
    public async Task Levels_tiles_and_clamping()
    {
        Assert.Equal(0, await Run<int>("viewer/scale.js", "return m.levelFor(0.3, 10);"));
        Assert.Equal(3, await Run<int>("viewer/scale.js", "return m.levelFor(9.9, 10);"));
        Assert.Equal(10, await Run<int>("viewer/scale.js", "return m.levelFor(1e9, 10);"));
        Assert.Equal(15, await Run<int>("viewer/scale.js", "return m.maxLevelFor(31_104_000, 1024);"));
        Assert.Equal("[1,2]", await Run<string>("viewer/scale.js", "return JSON.stringify(m.tileIndices(0, 1024, 5000, 1500, 3000));"));
        Assert.Equal("[4]", await Run<string>("viewer/scale.js", "return JSON.stringify(m.tileIndices(0, 1024, 5000, 4500, 9000));"));
        Assert.Equal(5, await Run<double>("viewer/scale.js", "return m.clampStart(-3, 10, 5, 100);"));
        Assert.Equal(90, await Run<double>("viewer/scale.js", "return m.clampStart(95, 10, 5, 100);"));
        Assert.Equal(5, await Run<double>("viewer/scale.js", "return m.clampStart(7, 10, 5, 12);"));
    }

    [Theory]
    [InlineData("12", 12)]
    [InlineData("12.5", 12.5)]
    [InlineData("1:30", 90)]
    [InlineData("1:02:03.5", 3723.5)]
    public async Task Typed_times_are_read_as_seconds(string text, double seconds) =>
        Assert.Equal(seconds, await Run<double>("core/format.js", $"return m.parseTime('{text}');"));

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("-5")]
    [InlineData("1:2:3:4")]
    public async Task Other_text_is_not_a_time(string text) =>
        Assert.True(await Run<bool>("core/format.js", $"return Number.isNaN(m.parseTime('{text}'));"));

    [Fact]
    public async Task Beat_symbols_map_to_their_AAMI_classes()
    {
        Assert.Equal("N,N,S,V,F,Q,-", await Run<string>("core/beats.js",
            "return ['N', 'L', 'A', 'V', 'F', '/', '+'].map(s => m.classOf(s)?.id ?? '-').join(',');"));
        Assert.Equal("N:7,V:2", await Run<string>("core/beats.js",
            "return m.countByClass({ N: 5, R: 2, V: 1, E: 1, '+': 9 }).map(c => `${c.id}:${c.count}`).join(',');"));
        var table = string.Join(";", Einthoven.Models.Beats.AamiMapping.Table.Select(c => $"{c.Id}={string.Join(" ", c.Symbols)}"));
        Assert.Equal(table, await Run<string>("core/beats.js", "return m.classes.map(c => `${c.id}=${c.symbols.join(' ')}`).join(';');"));
        Assert.Equal("N,Q", await Run<string>("core/beats.js", "return ['B', '?'].map(s => m.classOf(s).id).join(',');"));
    }

    [Fact]
    public async Task Calipers_read_interval_rate_and_amplitude()
    {
        var text = await Run<string>("viewer/calipers.js",
            "return m.describe(m.readout({ t1: 1.2, t2: 2.0, y1: 100, y2: 62.2047 }, 10 * 96 / 25.4));");
        Assert.Equal("Δt 800 ms · 75.0 bpm · ΔV 1.00 mV", text);
    }

    [Fact]
    public async Task Summaries_read_the_report_by_its_field_names_with_their_units()
    {
        const string report = "{ rhythm: { label: 'A', name: 'atrial fibrillation', afBurden: 0.834, windows: [{}, {}] }, heartRate: { meanBpm: 105 }, " +
            "beats: { detected: 3085, analysed: 3000, byClass: {} }, quality: { overall: 'good' }, pacing: { pacedRhythm: true } }";
        Assert.Equal("atrial fibrillation (AF burden 83 %) · 105 bpm · 3,085 beats · quality good · paced", await Run<string>("core/summary.js",
            $"return m.headline({report});"));
        Assert.Equal("inconclusive · 3 beats · quality inconclusive", await Run<string>("core/summary.js",
            "return m.headline({ rhythm: { label: '~', name: 'inconclusive', afBurden: null, probabilities: {}, windows: [] }, heartRate: null, " +
            "beats: { detected: 3 }, quality: { overall: 'inconclusive' }, pacing: { pacedRhythm: false } });"));
        Assert.Equal("QTc (Bazett)=425 ms|QRS axis=46°", await Run<string>("core/summary.js",
            "const r = { record: 'x', samplingFrequency: 360, durationSeconds: 60, leads: ['II'], beats: { detected: 1, analysed: 1, byClass: {} }, " +
            "heartRate: null, hrvTime: null, hrvFrequency: null, intervals: { qtcBazettMs: 424.8, qrsAxis: 45.5 }, " +
            "quality: { overall: 'good', good: 6, acceptable: 0, inconclusive: 0, rhythmLead: 'II' }, pacing: { pacedRhythm: false, pacedBeatFraction: 0, spikeCount: 0 }, rhythm: null, models: null };" +
            "return m.rows(r).filter(([k]) => k === 'QTc (Bazett)' || k === 'QRS axis').map(([k, v]) => `${k}=${v}`).join('|');"));
    }
}
