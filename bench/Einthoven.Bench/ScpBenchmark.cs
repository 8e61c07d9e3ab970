using Einthoven.Signal.Formats;
using Einthoven.Signal.Formats.Scp;

namespace Einthoven.Bench;

/// <summary>
/// SCP-ECG read throughput: the first minute of each MIT-BIH record (SCP-ECG holds at most 64 kB per lead, so not
/// the whole half hour) written as SCP-ECG with the default encoding (second differences, default Huffman table) and
/// as 16-bit values, read back whole, against reading the same minute from the WFDB format-212 files.
/// </summary>
internal static class ScpBenchmark
{
    public static int Run(string[] args)
    {
        var db = BenchData.MitDb(args);
        var seconds = args.Length > 1 ? int.Parse(args[1]) : 60;
        var names = BenchData.Records(db);
        var wfdb = names.Select(n => Path.Combine(db, n)).ToArray();
        var dir = Directory.CreateTempSubdirectory("einthoven-bench-").FullName;
        try
        {
            var (records, samples) = FirstSecondsAgainstWfdb(wfdb, seconds);
            foreach (var (label, options) in new[]
                     {
                         ("scp huffman, 2nd differences", ScpWriteOptions.Default),
                         ("scp 16-bit values", new ScpWriteOptions { Differences = 0, Huffman = false }),
                     })
            {
                var paths = records.Select(r => Path.Combine(dir, r.Info.Name + ".scp")).ToArray();
                for (var i = 0; i < records.Length; i++) ScpWriter.Write(new InMemoryReader(records[i]), paths[i], options);
                Report(label, samples, paths.Sum(p => new FileInfo(p).Length), () =>
                {
                    foreach (var p in paths)
                    {
                        using var reader = RecordFiles.Open(p);
                        reader.Read(0, (int)reader.Info.SampleCount);
                    }
                });
            }
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The first <paramref name="seconds"/> of each record in memory, after printing the machine and reporting WFDB 212's read of them.</summary>
    internal static (Einthoven.Signal.Records.EcgRecord[] Records, long Samples) FirstSecondsAgainstWfdb(string[] wfdb, int seconds)
    {
        var records = wfdb.Select(p =>
        {
            using var reader = RecordFiles.Open(p);
            return RecordFiles.ReadAll(new RecordSlice(reader, 0, (long)(seconds * reader.Info.SamplingFrequency)));
        }).ToArray();
        var samples = records.Sum(r => r.Info.SampleCount * r.Info.Leads.Count);
        Console.WriteLine($"machine: {BenchData.Machine}");
        Console.WriteLine($"records: {records.Length} MIT-BIH, first {seconds} s each, samples: {samples:N0}");
        Report("wfdb 212", samples, wfdb.Sum(p => (long)(new FileInfo(p + ".dat").Length * (double)seconds * 360 / 650000)), () =>
        {
            foreach (var p in wfdb)
            {
                using var reader = RecordFiles.Open(p);
                reader.Read(0, (int)(seconds * reader.Info.SamplingFrequency));
            }
        });
        return (records, samples);
    }

    internal static void Report(string label, long samples, long bytes, Action read)
    {
        // Warm-up: with a few dozen small files per pass, tiered JIT would otherwise still run unoptimised loops.
        for (var i = 0; i < 10; i++) read();
        Thread.Sleep(500);
        var (wall, cpu) = EdfCsvBenchmark.Best(read);
        Console.WriteLine($"{label,-30} {bytes / 1e6,6:0.00} MB ({bytes * 8.0 / samples:0.00} bits/sample); read {wall * 1000,6:0.0} ms wall / " +
                          $"{cpu * 1000,6:0.0} ms cpu ({samples / cpu / 1e6:0.0} M samples per cpu-s)");
    }
}
