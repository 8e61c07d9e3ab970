using System.Diagnostics;
using Einthoven.Signal.Formats;
using Einthoven.TestSupport;

namespace Einthoven.Bench;

/// <summary>
/// Decoding all 48 MIT-BIH records (format 212, 2 leads, 650,000 samples each) against reading the same .dat bytes
/// with File.ReadAllBytes. Reports the best of several rounds, in wall time and process CPU time.
/// </summary>
public static class WfdbDecodeBench
{
    public static void Run(int rounds = 7)
    {
        var records = TestData.MitDbRecords.Select(TestData.MitDbRecord).ToArray();
        long bytes = records.Sum(r => new FileInfo(r + ".dat").Length);
        var raw = Measure(rounds, () =>
        {
            foreach (var r in records) File.ReadAllBytes(r + ".dat");
        });
        var decode = Measure(rounds, () =>
        {
            foreach (var r in records)
            {
                using var reader = RecordFiles.Open(r);
                reader.Read(0, (int)reader.Info.SampleCount);
            }
        });
        Console.WriteLine($"MIT-BIH, 48 records, {bytes / 1e6:F1} MB of .dat");
        Console.WriteLine($"  File.ReadAllBytes   wall {raw.Wall,7:F1} ms   cpu {raw.Cpu,7:F1} ms");
        Console.WriteLine($"  WFDB decode (whole) wall {decode.Wall,7:F1} ms   cpu {decode.Cpu,7:F1} ms   ratio wall {decode.Wall / raw.Wall:F2}, cpu {decode.Cpu / raw.Cpu:F2}");
    }

    internal static (double Wall, double Cpu) Measure(int rounds, Action action)
    {
        action(); // warm-up: JIT and page cache
        double bestWall = double.MaxValue, bestCpu = double.MaxValue;
        var process = Process.GetCurrentProcess();
        for (var i = 0; i < rounds; i++)
        {
            GC.Collect();
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            action();
            watch.Stop();
            process.Refresh();
            bestWall = Math.Min(bestWall, watch.Elapsed.TotalMilliseconds);
            bestCpu = Math.Min(bestCpu, (process.TotalProcessorTime - cpu).TotalMilliseconds);
        }
        return (bestWall, bestCpu);
    }
}
