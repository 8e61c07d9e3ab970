using System.Diagnostics;
using Einthoven.Signal.Formats;

namespace Einthoven.Bench;

/// <summary>
/// Peak memory of reading a 24-hour, 2-lead, 360 Hz format-212 record window by window. The record is made from
/// MIT-BIH record 100 repeated 48 times (format 212 frames concatenate cleanly), in a temporary folder.
/// </summary>
internal static class WindowMemoryBenchmark
{
    private const int Copies = 48;
    private const int WindowSeconds = 10;

    public static int Run(string[] args)
    {
        var db = BenchData.MitDb(args);
        var dir = Path.Combine(Path.GetTempPath(), "einthoven-bench-24h");
        var record = Make24HourRecord(db, dir);
        var before = Process.GetCurrentProcess().PeakWorkingSet64;

        var sw = Stopwatch.StartNew();
        using var reader = RecordFiles.Open(record);
        var window = (int)(WindowSeconds * reader.Info.SamplingFrequency);
        long samples = 0, checksum = 0;
        for (long start = 0; start < reader.Info.SampleCount; start += window)
        {
            var block = reader.Read(start, window);
            samples += (long)block.Length * block.Samples.Length;
            checksum += block.Samples[0][0];
        }
        var elapsed = sw.Elapsed;
        var process = Process.GetCurrentProcess();
        process.Refresh();

        var datBytes = new FileInfo(Path.Combine(dir, "holter24.dat")).Length;
        Console.WriteLine($"machine: {BenchData.Machine}");
        Console.WriteLine($"record: {reader.Info.Leads.Count} leads x {reader.Info.SampleCount:N0} samples ({reader.Info.Duration}), .dat {datBytes / 1e6:0.0} MB, decoded as int {samples * 4 / 1e6:0.0} MB");
        Console.WriteLine($"read in {WindowSeconds}-s windows: {samples:N0} samples in {elapsed.TotalSeconds:0.00} s (check {checksum})");
        Console.WriteLine($"peak working set: {process.PeakWorkingSet64 / 1e6:0.0} MB (at start {before / 1e6:0.0} MB); GC heap now {GC.GetTotalMemory(false) / 1e6:0.0} MB");
        return 0;
    }

    private static string Make24HourRecord(string db, string dir)
    {
        Directory.CreateDirectory(dir);
        var dat = Path.Combine(dir, "holter24.dat");
        var source = Path.Combine(db, "100.dat");
        var sourceBytes = File.ReadAllBytes(source);
        using (var f = File.Create(dat))
            for (var i = 0; i < Copies; i++) f.Write(sourceBytes);

        // Header of record 100 with 48 times the length; the checksums of a repeated record add up (mod 2^16).
        var header = File.ReadAllLines(Path.Combine(db, "100.hea"));
        var first = header[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var lines = new List<string> { $"holter24 {first[1]} {first[2]} {long.Parse(first[3]) * Copies}" };
        foreach (var line in header.Skip(1).Where(l => !l.StartsWith('#')))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var sum = (short)(int.Parse(f[6]) * Copies);
            lines.Add(string.Join(' ', ["holter24.dat", .. f[1..6], sum.ToString(), .. f[7..]]));
        }
        File.WriteAllLines(Path.Combine(dir, "holter24.hea"), lines);
        return Path.Combine(dir, "holter24");
    }
}
