using System.Diagnostics;
using System.Globalization;
using Einthoven.Server.Analysis;
using Einthoven.Server.Recordings;
using Einthoven.Signal.Synthesis;
using Microsoft.Extensions.DependencyInjection;

namespace Einthoven.Bench;

/// <summary>
/// Peak memory of analysing and downloading the largest allowed recording: 24 h, 12 leads, 250 Hz (259.2 M samples),
/// made of a 20-minute ECGSYN record (PVCs, an AF episode, noise) repeated end to end, stored in the real server on
/// SQLite. Phases: the analysis job, a download in each format, three CSV downloads at once. For each, the peak
/// working set (the kernel's high-water mark, reset at the start of the phase) above the idle server, and the largest
/// GC heap sampled every 20 ms, against the budgets stated in docs/BENCHMARKS.md. <c>--hours H</c> makes it shorter.
/// </summary>
internal static class MemoryBenchmark
{
    private const double AnalysisBudgetMb = 1024, DownloadBudgetMb = 256;

    public static int Run(string[] args)
    {
        var hours = args.Length > 1 && args[0] == "--hours" ? double.Parse(args[1], CultureInfo.InvariantCulture) : 24;
        return RunAsync(hours).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(double hours)
    {
        await using var server = await BenchServer.StartAsync(runWorker: false);
        var sw = Stopwatch.StartNew();
        var id = await StoreAsync(server, hours);
        Console.WriteLine($"machine: {BenchData.Machine}");
        Console.WriteLine($"stored {hours:0.#} h x 12 leads x 250 Hz in {sw.Elapsed.TotalSeconds:0} s");

        var idle = Idle();
        Console.WriteLine($"idle server: working set {idle / 1e6:0} MB, GC heap {GC.GetTotalMemory(false) / 1e6:0} MB");
        var ok = true;
        var worker = server.Services.GetRequiredService<AnalysisWorker>();
        ok &= await PhaseAsync("analysis", idle, AnalysisBudgetMb, async () =>
        {
            if (!await worker.RunOneAsync(CancellationToken.None)) throw new InvalidOperationException("no analysis job");
            var analysis = await server.Client.GetStringAsync($"/api/recordings/{id}/analysis");
            if (!analysis.Contains("\"Succeeded\"")) throw new InvalidOperationException($"analysis did not succeed: {analysis[..Math.Min(600, analysis.Length)]}");
        });
        foreach (var format in new[] { "wfdb", "edf", "csv" })
            ok &= await PhaseAsync($"download {format}", idle, DownloadBudgetMb, () => DownloadAsync(server, id, format));
        ok &= await PhaseAsync("3 x download csv at once", idle, DownloadBudgetMb,
            () => Task.WhenAll(Enumerable.Range(0, 3).Select(_ => DownloadAsync(server, id, "csv"))));
        Console.WriteLine(ok ? "all phases within budget" : "OVER BUDGET");
        return ok ? 0 : 1;
    }

    private static async Task<Guid> StoreAsync(BenchServer server, double hours)
    {
        var twentyMinutes = EcgSynthesizer.Generate(new SynthesisOptions
        {
            Name = "holter-12", SamplingFrequency = 250, Duration = TimeSpan.FromMinutes(20), PvcProbability = 0.02, MeanHeartRate = 72,
            Leads = ["I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6"],
            AfEpisodes = [(TimeSpan.FromMinutes(12), TimeSpan.FromMinutes(4))], Seed = 12,
        });
        await using var scope = server.Services.CreateAsyncScope();
        using var reader = new RepeatedRecord(twentyMinutes, (long)Math.Round(hours * 3600 * 250));
        var (recording, _) = await scope.ServiceProvider.GetRequiredService<RecordingImporter>()
            .ImportAsync(await server.PatientIdAsync(), reader, "wfdb", "holter-12.hea", CancellationToken.None);
        Console.WriteLine($"stored bytes: {recording.StoredBytes:N0} ({(double)recording.StoredBytes / (12 * reader.Info.SampleCount):0.000} bytes/sample)");
        return recording.Id;
    }

    private static async Task DownloadAsync(BenchServer server, Guid id, string format)
    {
        using var response = await server.Client.GetAsync($"/api/recordings/{id}/download?format={format}", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        await body.CopyToAsync(Stream.Null);
    }

    /// <summary>Working set of the server at rest, after a full compacting collection.</summary>
    private static long Idle()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return Rss("VmRSS");
    }

    private static async Task<bool> PhaseAsync(string name, long idle, double budgetMb, Func<Task> work)
    {
        Idle();
        ResetPeak();
        long heapPeak = 0;
        using var done = new CancellationTokenSource();
        var sampler = Task.Factory.StartNew(() =>
        {
            while (!done.IsCancellationRequested)
            {
                heapPeak = Math.Max(heapPeak, GC.GetTotalMemory(false));
                Thread.Sleep(20);
            }
        }, TaskCreationOptions.LongRunning);
        var sw = Stopwatch.StartNew();
        await work();
        done.Cancel();
        await sampler;
        var above = (Rss("VmHWM") - idle) / 1e6;
        var ok = above <= budgetMb;
        Console.WriteLine($"{name,-26} {sw.Elapsed.TotalSeconds,7:0} s  peak working set {above,6:0} MB above idle (budget {budgetMb:0})  GC heap peak {heapPeak / 1e6,6:0} MB  {(ok ? "ok" : "OVER")}");
        return ok;
    }

    /// <summary>Resets the kernel's peak resident set (VmHWM) of this process to its current size (Linux).</summary>
    private static void ResetPeak()
    {
        try { File.WriteAllText("/proc/self/clear_refs", "5"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { Console.WriteLine("cannot reset the peak working set: phases report the process peak"); }
    }

    /// <summary>A size line of /proc/self/status (VmRSS, VmHWM) in bytes.</summary>
    private static long Rss(string field)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }
}
