using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Einthoven.Server.Recordings;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Synthesis;
using Microsoft.Extensions.DependencyInjection;

namespace Einthoven.Bench;

/// <summary>
/// Latency of the viewer's window queries on a 24-hour 2-lead 360 Hz recording (synthetic, ECGSYN, with ectopy and AF):
/// 2,000-point windows at random positions at zoom levels from the whole day to 10 seconds, over real HTTP, as a user
/// pans and zooms. The first pass over each zoom level is cold (chunks decoded); all requests are counted.
/// </summary>
internal static class WindowLatencyBenchmark
{
    private static readonly double[] Spans = [86_400, 3_600, 600, 60, 10];
    private const int RequestsPerSpan = 100;

    public static int Run(string[] args) => RunAsync().GetAwaiter().GetResult();

    private static async Task<int> RunAsync()
    {
        await using var server = await BenchServer.StartAsync(runWorker: false); // queries only, no analysis competing for the cores
        var sw = Stopwatch.StartNew();
        var record = EcgSynthesizer.Generate(new SynthesisOptions
        {
            Name = "holter-24h", Duration = TimeSpan.FromHours(24), PvcProbability = 0.01, MeanHeartRate = 70,
            AfEpisodes = [(TimeSpan.FromHours(3), TimeSpan.FromMinutes(40))],
        });
        Console.WriteLine($"generated 24 h x 2 leads in {sw.Elapsed.TotalSeconds:0.0} s");
        sw.Restart();
        Guid id;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            using var reader = new InMemoryReader(record);
            var importer = scope.ServiceProvider.GetRequiredService<RecordingImporter>();
            (var recording, _) = await importer.ImportAsync(await server.PatientIdAsync(), reader, "synthetic", "holter-24h", CancellationToken.None);
            id = recording.Id;
            Console.WriteLine($"stored in {sw.Elapsed.TotalSeconds:0.0} s: {recording.StoredBytes:N0} bytes, {(double)recording.StoredBytes / (2 * record.Info.SampleCount):0.000} bytes/sample");
        }

        var random = new Random(5);
        var all = new List<double>();
        Console.WriteLine($"machine: {BenchData.Machine}");
        // Server and client share this process, so its CPU time per request is an upper bound of the server's, and unlike
        // wall time it does not grow when other work shares the cores.
        var process = Process.GetCurrentProcess();
        var totalCpu = TimeSpan.Zero;
        Console.WriteLine("span      mode       p50 ms  p95 ms  max ms  cpu ms/request");
        foreach (var span in Spans)
        {
            var times = new List<double>();
            string mode = "";
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            for (var i = 0; i < RequestsPerSpan; i++)
            {
                var from = random.NextDouble() * (86_400 - span);
                var t = Stopwatch.StartNew();
                var window = await server.Client.GetFromJsonAsync<JsonElement>(FormattableString.Invariant($"/api/recordings/{id}/window?from={from:0.###}&to={from + span:0.###}&points=2000"));
                times.Add(t.Elapsed.TotalMilliseconds);
                mode = window.GetProperty("mode").GetString()!;
            }
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpuBefore;
            totalCpu += cpu;
            all.AddRange(times);
            Console.WriteLine($"{TimeSpan.FromSeconds(span),-9} {mode,-9} {P(times, 50),7:0.0} {P(times, 95),7:0.0} {times.Max(),7:0.0} {cpu.TotalMilliseconds / RequestsPerSpan,9:0.00}");
        }
        Console.WriteLine($"all {all.Count} requests: p50 {P(all, 50):0.0} ms, p95 {P(all, 95):0.0} ms (goal p95 < 50 ms), cpu {totalCpu.TotalMilliseconds / all.Count:0.00} ms/request");
        return 0;
    }

    private static double P(List<double> x, int percentile) => x.Order().ElementAt(Math.Min(x.Count - 1, x.Count * percentile / 100));
}
