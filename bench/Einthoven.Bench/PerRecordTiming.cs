using System.Diagnostics;

namespace Einthoven.Bench;

/// <summary>Wall time of one piece of work per record on this thread: after a warm-up, the sorted times of the pass with the lowest median of several.</summary>
internal static class PerRecordTiming
{
    public static double[] BestOf(IReadOnlyList<string> records, int passes, Action<string> work)
    {
        Thread.CurrentThread.Priority = ThreadPriority.Highest;
        work(records[0]);
        double[] best = [];
        for (var pass = 0; pass < passes; pass++)
        {
            var times = new double[records.Count];
            for (var i = 0; i < records.Count; i++)
            {
                var sw = Stopwatch.StartNew();
                work(records[i]);
                times[i] = sw.Elapsed.TotalMilliseconds;
            }
            Array.Sort(times);
            if (best.Length == 0 || times[times.Length / 2] < best[best.Length / 2]) best = times;
        }
        return best;
    }

    public static string Summary(double[] sorted) =>
        $"median {sorted[sorted.Length / 2]:0.00} ms, p95 {sorted[(int)(0.95 * (sorted.Length - 1))]:0.00} ms, max {sorted[^1]:0.00} ms";
}
