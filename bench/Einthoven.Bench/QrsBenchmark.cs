using System.Diagnostics;
using Einthoven.Evaluation.Qrs;
using Einthoven.Signal.Analysis.Detection;
using Einthoven.Signal.Formats;

namespace Einthoven.Bench;

/// <summary>
/// QRS detection throughput on one core over the first lead of every MIT-BIH record, timed apart from decoding:
/// records are decoded once, then the detector runs over all of them several times and the best pass counts.
/// </summary>
internal static class QrsBenchmark
{
    private const int Passes = 5;

    public static int Run(string[] args)
    {
        var db = BenchData.MitDb(args);
        var records = BenchData.Records(db);

        var sw = Stopwatch.StartNew();
        var leads = new List<(string Name, int[] Samples, double Fs, double Gain, IReadOnlyList<Einthoven.Signal.Records.Annotation> Reference)>();
        foreach (var name in records)
        {
            var record = RecordFiles.Read(Path.Combine(db, name));
            leads.Add((name, record.Samples[0], record.Info.SamplingFrequency, record.Info.Leads[0].Gain, record.Annotations["atr"]));
        }
        var decodeSeconds = sw.Elapsed.TotalSeconds;
        long samples = leads.Sum(l => (long)l.Samples.Length);
        var signalSeconds = leads.Sum(l => l.Samples.Length / l.Fs);

        var best = double.MaxValue;
        var bestCpu = double.MaxValue;
        long allocated = 0;
        var beats = new long[leads.Count][];
        for (var pass = 0; pass < Passes; pass++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            sw.Restart();
            for (var i = 0; i < leads.Count; i++) beats[i] = QrsDetector.Detect(leads[i].Samples, leads[i].Fs, leads[i].Gain);
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
            bestCpu = Math.Min(bestCpu, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        var total = DetectionScore.Sum(leads.Select((l, i) => QrsProtocol.Evaluate(l.Reference, beats[i], l.Fs).Score));
        Console.WriteLine($"machine: {BenchData.Machine}");
        Console.WriteLine($"records: {leads.Count}, first lead, {samples:N0} samples ({signalSeconds / 3600:0.0} h of ECG)");
        Console.WriteLine($"decode (read + 212 -> int, both leads, once): {decodeSeconds:0.00} s");
        Console.WriteLine($"detection, one thread, best of {Passes}: {best * 1000:0} ms = {samples / best / 1e6:0.0} M samples/s = {signalSeconds / best:N0} x real time");
        // On a shared machine the wall clock includes time other processes had the core; CPU time does not.
        Console.WriteLine($"detection CPU time, best of {Passes}: {bestCpu * 1000:0} ms = {samples / bestCpu / 1e6:0.0} M samples/s");
        Console.WriteLine($"allocated per pass: {allocated / 1024.0:N0} KiB ({allocated / (double)leads.Count / 1024:0.0} KiB per record: detector state and the beat list)");
        Console.WriteLine($"accuracy (SPEC protocol): Se {100 * total.Sensitivity:0.00} %, +P {100 * total.PositivePredictivity:0.00} %, F1 {100 * total.F1:0.00} % ({total.FalseNegatives} FN, {total.FalsePositives} FP)");
        return 0;
    }
}
