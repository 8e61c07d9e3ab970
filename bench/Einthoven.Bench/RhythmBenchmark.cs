using System.Diagnostics;
using Einthoven.Models.Rhythm;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;
using Einthoven.TestSupport;

namespace Einthoven.Bench;

/// <summary>
/// Rhythm classification latency of one 30-s single-lead recording on one thread (features, signal preparation and
/// network), over the first 100 CinC 2017 records that last exactly 30 s, decoded beforehand; median and 95th
/// percentile of the best of 3 passes. Arguments: [CINC_DIR] [WEIGHTS] (default: the shipped model).
/// </summary>
internal static class RhythmBenchmark
{
    private const int Recordings = 100, Passes = 3;

    public static int Run(string[] args)
    {
        var dir = args.Length > 0 ? args[0] : TestData.Cinc2017;
        var classifier = args.Length > 1 ? RhythmClassifier.Load(args[1]) : RhythmClassifier.LoadShipped();
        var records = new List<EcgRecord>();
        foreach (var line in File.ReadLines(Path.Combine(dir, "REFERENCE.csv")))
        {
            var record = RecordFiles.Read(Path.Combine(dir, line.Split(',')[0] + ".hea"));
            if (record.Info.SampleCount == 30 * (long)record.Info.SamplingFrequency) records.Add(record);
            if (records.Count == Recordings) break;
        }
        classifier.Classify(records[0]);
        double[] best = [];
        for (var pass = 0; pass < Passes; pass++)
        {
            var times = new double[records.Count];
            for (var i = 0; i < records.Count; i++)
            {
                var sw = Stopwatch.StartNew();
                classifier.Classify(records[i]);
                times[i] = sw.Elapsed.TotalMilliseconds;
            }
            Array.Sort(times);
            if (best.Length == 0 || times[times.Length / 2] < best[best.Length / 2]) best = times;
        }
        Console.WriteLine($"rhythm ({classifier.Kind}): {records.Count} recordings of 30 s at {records[0].Info.SamplingFrequency} Hz, one thread");
        Console.WriteLine($"  median {best[best.Length / 2]:0.00} ms, p95 {best[(int)(0.95 * (best.Length - 1))]:0.00} ms, max {best[^1]:0.00} ms per recording");
        Console.WriteLine($"  machine: {BenchData.Machine}");
        return 0;
    }
}
