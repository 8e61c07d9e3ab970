using System.Diagnostics;
using Einthoven.Signal.Formats;

namespace Einthoven.Bench;

/// <summary>
/// Decoding throughput of all MIT-BIH records through the streaming WFDB reader, against the floor of reading the
/// same .dat bytes into memory. Both are timed over several passes with warm file caches; the best pass counts.
/// </summary>
internal static class DecodeBenchmark
{
    private const int Passes = 5;
    private const int Window = 1 << 16;

    public static int Run(string[] args)
    {
        var db = BenchData.MitDb(args);
        var records = BenchData.Records(db);
        long bytes = records.Sum(r => new FileInfo(Path.Combine(db, r + ".dat")).Length);
        long samples = 0;
        var buffer = new byte[1 << 20];

        double bestPlain = double.MaxValue, bestDecode = double.MaxValue;
        for (var pass = 0; pass < Passes; pass++)
        {
            var sw = Stopwatch.StartNew();
            foreach (var r in records) PlainRead(Path.Combine(db, r + ".dat"), buffer);
            bestPlain = Math.Min(bestPlain, sw.Elapsed.TotalSeconds);

            sw.Restart();
            samples = 0;
            foreach (var r in records) samples += Decode(Path.Combine(db, r));
            bestDecode = Math.Min(bestDecode, sw.Elapsed.TotalSeconds);
        }

        Console.WriteLine($"machine: {BenchData.Machine}");
        Console.WriteLine($"records: {records.Count}, .dat bytes: {bytes:N0}, samples decoded: {samples:N0}");
        Console.WriteLine($"plain read (floor): {bestPlain * 1000:0.0} ms  ({bytes / bestPlain / 1e6:0} MB/s)");
        Console.WriteLine($"decode (212 -> int): {bestDecode * 1000:0.0} ms  ({samples / bestDecode / 1e6:0.0} M samples/s)");
        Console.WriteLine($"decode / plain read: {bestDecode / bestPlain:0.00}x");
        return 0;
    }

    private static void PlainRead(string path, byte[] buffer)
    {
        using var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        while (f.Read(buffer, 0, buffer.Length) > 0) { }
    }

    private static long Decode(string record)
    {
        using var reader = RecordFiles.Open(record);
        long total = 0;
        for (long start = 0; start < reader.Info.SampleCount; start += Window)
        {
            var block = reader.Read(start, Window);
            total += (long)block.Length * block.Samples.Length;
        }
        return total;
    }
}
