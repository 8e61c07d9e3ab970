using System.Diagnostics;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;

namespace Einthoven.Bench;

/// <summary>
/// EDF and CSV throughput on MIT-BIH records: writing each whole record, then reading it back window by window
/// (CSV's open includes its one indexing pass). The best of several passes counts.
/// </summary>
internal static class EdfCsvBenchmark
{
    private const int Passes = 3;
    private const int Window = 1 << 16;

    public static int Run(string[] args)
    {
        var db = BenchData.MitDb(args);
        var count = args.Length > 1 ? int.Parse(args[1]) : 8;
        var records = BenchData.Records(db).Take(count).Select(r => RecordFiles.Read(Path.Combine(db, r))).ToArray();
        var samples = records.Sum(r => r.Info.SampleCount * r.Info.Leads.Count);
        var dir = Directory.CreateTempSubdirectory("einthoven-bench-").FullName;
        try
        {
            Console.WriteLine($"machine: {BenchData.Machine}");
            Console.WriteLine($"records: {records.Length} MIT-BIH, samples: {samples:N0}");
            foreach (var ext in new[] { "edf", "csv" })
            {
                var paths = records.Select(r => Path.Combine(dir, r.Info.Name + "." + ext)).ToArray();
                var write = Best(() => { for (var i = 0; i < records.Length; i++) RecordFiles.Write(records[i], paths[i]); });
                var bytes = paths.Sum(p => new FileInfo(p).Length);
                var read = Best(() => { foreach (var p in paths) ReadWindows(p); });
                Console.WriteLine($"{ext}: {bytes / 1e6:0.0} MB; write {write * 1000:0} ms ({samples / write / 1e6:0.0} M samples/s); " +
                                  $"read {read * 1000:0} ms ({samples / read / 1e6:0.0} M samples/s)");
            }
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static double Best(Action action)
    {
        var best = double.MaxValue;
        for (var pass = 0; pass < Passes; pass++)
        {
            var sw = Stopwatch.StartNew();
            action();
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }
        return best;
    }

    private static void ReadWindows(string path)
    {
        using var reader = RecordFiles.Open(path);
        for (long start = 0; start < reader.Info.SampleCount; start += Window)
            reader.Read(start, Window);
        foreach (var annotator in reader.Annotators) reader.ReadAnnotations(annotator);
    }
}
