using System.Globalization;
using System.Text;
using System.Text.Json;
using Einthoven.Server.BrowserTests.Hosting;
using Einthoven.Server.Recordings;
using Einthoven.Signal.Formats;
using Einthoven.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Einthoven.Server.BrowserTests;

/// <summary>Runs only with EINTHOVEN_VIEWER_BENCH=1: it imports a 24-hour record, which takes a while.</summary>
public sealed class ViewerBenchmarkFactAttribute : FactAttribute
{
    public ViewerBenchmarkFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("EINTHOVEN_VIEWER_BENCH") != "1") Skip = "opt-in benchmark: set EINTHOVEN_VIEWER_BENCH=1";
    }
}

/// <summary>
/// Browser-measured latency from a pan or zoom gesture to the frame that shows the new data at full resolution, on a
/// 24-hour 2-lead 360 Hz record (MIT-BIH 100 played 48 times), from the viewer's performance measures
/// ("viewer:gesture" to "viewer:drawn"). Figures go to docs/BENCHMARKS.md, section Viewer.
/// </summary>
public sealed class ViewerBenchmarkTests(ITestOutputHelper output)
{
    [ViewerBenchmarkFact]
    public async Task Pan_and_zoom_on_a_24_hour_record()
    {
        await using var server = new LiveServer(new Dictionary<string, string?> { ["Einthoven:Analysis:RunWorker"] = "false" });
        await using var browser = await Browser.LaunchAsync();
        await using var tab = await browser.OpenAsync(server, Device.Desktop);
        var page = tab.Page;
        await People.RegisterAsync(tab, People.New("patient"));
        var session = JsonDocument.Parse(await (await page.Context.APIRequest.GetAsync("/api/session")).TextAsync()).RootElement;
        var patientId = session.GetProperty("user").GetProperty("id").GetGuid();

        var started = DateTime.UtcNow;
        Guid recordingId;
        using (var reader = new RepeatedRecordReader(RecordFiles.Read(Path.Combine(TestData.MitDb, "100.hea")), 48, "holter-24h"))
        await using (var scope = server.Services.CreateAsyncScope())
            recordingId = (await scope.ServiceProvider.GetRequiredService<RecordingImporter>().ImportAsync(patientId, reader, "wfdb", "holter-24h.hea", default)).Recording.Id;
        var import = DateTime.UtcNow - started;

        await tab.GotoAsync($"/recordings/{recordingId}");
        await tab.Viewer.WaitCompleteAsync();
        await page.SelectOptionAsync("#viewer-beats", "atr");
        await tab.Viewer.WaitCompleteAsync();
        var phases = new List<(string Name, List<Measure> Samples)>();

        // Zoom out to the whole day, then back in with the wheel, step by step, to the calibrated paper speed.
        phases.Add(("zoom out to 24 h (Full signal)", await MeasureAsync(tab, 1, () => page.ClickAsync("text=Full signal"))));
        var box = (await page.Locator(ViewerCanvas.Canvas).BoundingBoxAsync())!;
        var zoomIn = new List<Measure>();
        for (var i = 0; i < 17 && await tab.Viewer.NumberAsync("px-per-second") < 25 * 96 / 25.4 * 0.99; i++)
        {
            var x = 100 + (i * 97 % (int)(box.Width - 200));
            zoomIn.AddRange(await MeasureAsync(tab, 1, async () =>
            {
                await page.Mouse.MoveAsync((float)(box.X + x), (float)(box.Y + 100));
                await page.Mouse.WheelAsync(0, -300);
            }));
        }
        phases.Add(("zoom in, wheel x1.8 per step", zoomIn));

        // Pan at the calibrated speed: drags of 300 px (prefetched neighbours) and full-screen page turns (new data).
        await page.ClickAsync("text=1:1");
        await tab.Viewer.WaitCompleteAsync();
        phases.Add(("pan, drag 300 px at 25 mm/s", await MeasureAsync(tab, 20, () => tab.DragAsync(ViewerCanvas.Canvas, (700, 100), (400, 100), steps: 4))));
        await page.Locator(ViewerCanvas.Canvas).FocusAsync();
        phases.Add(("pan, PageDown (one screen) at 25 mm/s", await MeasureAsync(tab, 20, () => page.Keyboard.PressAsync("PageDown"))));

        // Jumps across the day through the overview strip: cold data at an unrelated place each time.
        var nav = (await page.Locator("canvas.navigator").BoundingBoxAsync())!;
        var jumps = new List<Measure>();
        for (var i = 0; i < 15; i++)
        {
            var x = nav.X + 10 + (nav.Width - 20) * ((i * 0.618) % 1);
            jumps.AddRange(await MeasureAsync(tab, 1, () => page.Mouse.ClickAsync((float)x, (float)(nav.Y + nav.Height / 2))));
        }
        phases.Add(("jump to a new place (overview click) at 25 mm/s", jumps));

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"record: 2 leads x {48 * 650_000:N0} samples at 360 Hz (24 h 0 min), imported in {import.TotalSeconds:0.0} s");
        report.AppendLine("| gesture | n | median ms | p95 ms | max ms | tiles fetched |");
        report.AppendLine("|---|---|---|---|---|---|");
        foreach (var (name, samples) in phases)
        {
            var ms = samples.Select(s => s.Ms).Order().ToList();
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {name} | {ms.Count} | {Quantile(ms, 0.5):0} | {Quantile(ms, 0.95):0} | {ms[^1]:0} | {samples.Sum(s => s.Fetched)} |");
        }
        report.AppendLine();
        report.AppendLine("| tile level (samples per point) | tiles | median fetch ms | max fetch ms | median KB |");
        report.AppendLine("|---|---|---|---|---|");
        foreach (var level in await TileFetchesAsync(tab))
            report.AppendLine(CultureInfo.InvariantCulture, $"| {level.Level} ({1 << level.Level}) | {level.Count} | {level.MedianMs:0} | {level.MaxMs:0} | {level.MedianKb:0} |");
        output.WriteLine(report.ToString());
        var folder = Path.Combine(TestData.RepoRoot, "artifacts");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "viewer-benchmark.md"), report.ToString());
        tab.AssertNoConsoleErrors();
    }

    private sealed record Measure(double Ms, int Fetched);

    /// <summary>Runs a gesture n times, each time waiting for the viewer's gesture-to-data measure.</summary>
    private static async Task<List<Measure>> MeasureAsync(Tab tab, int times, Func<Task> gesture)
    {
        var result = new List<Measure>();
        for (var i = 0; i < times; i++)
        {
            await tab.Page.EvaluateAsync("() => performance.clearMeasures('viewer:gesture-to-data')");
            await gesture();
            await tab.Page.WaitForFunctionAsync("() => performance.getEntriesByName('viewer:gesture-to-data').length > 0");
            var entry = await tab.Page.EvaluateAsync<JsonElement>(
                "() => { const m = performance.getEntriesByName('viewer:gesture-to-data').at(-1); return { ms: m.duration, fetched: m.detail.fetched }; }");
            result.Add(new Measure(entry.GetProperty("ms").GetDouble(), entry.GetProperty("fetched").GetInt32()));
        }
        return result;
    }

    private sealed record LevelFetches(int Level, int Count, double MedianMs, double MaxMs, double MedianKb);

    /// <summary>The browser's resource timings of the window requests, by tile level (samples per point = 2^level).</summary>
    private static async Task<List<LevelFetches>> TileFetchesAsync(Tab tab)
    {
        var entries = await tab.Page.EvaluateAsync<JsonElement>("""
            () => performance.getEntriesByType('resource').filter(e => e.name.includes('/window?from=')).map(e => {
              const q = new URL(e.name).searchParams;
              return { perPoint: (Number(q.get('to')) - Number(q.get('from'))) * 360 / Number(q.get('points')), ms: e.duration, kb: e.encodedBodySize / 1024 };
            })
            """);
        return entries.EnumerateArray()
            .Select(e => (Level: (int)Math.Round(Math.Log2(Math.Max(1, e.GetProperty("perPoint").GetDouble()))), Ms: e.GetProperty("ms").GetDouble(), Kb: e.GetProperty("kb").GetDouble()))
            .GroupBy(e => e.Level).OrderBy(g => g.Key)
            .Select(g => new LevelFetches(g.Key, g.Count(), Median(g.Select(e => e.Ms)), g.Max(e => e.Ms), Median(g.Select(e => e.Kb)))).ToList();
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static double Quantile(List<double> sorted, double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
}
