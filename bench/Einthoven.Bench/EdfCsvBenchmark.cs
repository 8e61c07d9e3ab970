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
                Console.WriteLine($"{ext}: {bytes / 1e6:0.0} MB; write {write.Wall * 1000:0} ms wall / {write.Cpu * 1000:0} ms cpu " +
                                  $"({samples / write.Cpu / 1e6:0.0} M samples per cpu-s); read {read.Wall * 1000:0} ms wall / " +
                                  $"{read.Cpu * 1000:0} ms cpu ({samples / read.Cpu / 1e6:0.0} M samples per cpu-s)");
            }
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Best wall and CPU seconds over the passes (CPU time is less inflated on a shared machine).</summary>
    internal static (double Wall, double Cpu) Best(Action action)
    {
        var (wall, cpu) = (double.MaxValue, double.MaxValue);
        var process = Process.GetCurrentProcess();
        for (var pass = 0; pass < Passes; pass++)
        {
            process.Refresh();
            var cpuStart = process.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            action();
            wall = Math.Min(wall, sw.Elapsed.TotalSeconds);
            process.Refresh();
            cpu = Math.Min(cpu, (process.TotalProcessorTime - cpuStart).TotalSeconds);
        }
        return (wall, cpu);
    }

    private static void ReadWindows(string path)
    {
        using var reader = RecordFiles.Open(path);
        for (long start = 0; start < reader.Info.SampleCount; start += Window)
            reader.Read(start, Window);
        foreach (var annotator in reader.Annotators) reader.ReadAnnotations(annotator);
    }
}
