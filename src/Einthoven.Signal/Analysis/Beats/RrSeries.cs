namespace Einthoven.Signal.Analysis.Beats;

/// <summary>
/// RR intervals of a beat sequence and which of them are normal-to-normal (NN): both beats normal when classes are
/// known, within a physiological range, and within 20 % of the median of their neighbours, so that ectopic beats
/// and missed or false detections do not enter HRV.
/// </summary>
public sealed class RrSeries
{
    public const double MinInterval = 0.25, MaxInterval = 2.5, MaxDeviation = 0.2;
    private const int Neighbourhood = 5;

    private RrSeries(double[] times, double[] intervals, bool[] isNn)
    {
        Times = times;
        Intervals = intervals;
        IsNormalToNormal = isNn;
    }

    /// <summary>Time in seconds of the beat that ends each interval.</summary>
    public double[] Times { get; }

    /// <summary>Intervals in seconds.</summary>
    public double[] Intervals { get; }

    public bool[] IsNormalToNormal { get; }

    public int Count => Intervals.Length;

    /// <summary>The NN intervals with their end times.</summary>
    public (double[] Times, double[] Intervals) NormalToNormal()
    {
        var idx = Enumerable.Range(0, Count).Where(i => IsNormalToNormal[i]).ToArray();
        return (idx.Select(i => Times[i]).ToArray(), idx.Select(i => Intervals[i]).ToArray());
    }

    /// <param name="rPeaks">Beat positions in samples, ascending.</param>
    /// <param name="fs">Sampling frequency.</param>
    /// <param name="isNormalBeat">Per beat, whether it is a normal (sinus) beat; null when classes are not known.</param>
    public static RrSeries From(IReadOnlyList<int> rPeaks, double fs, IReadOnlyList<bool>? isNormalBeat = null)
    {
        if (fs <= 0) throw new ArgumentOutOfRangeException(nameof(fs), fs, "sampling frequency must be positive");
        if (isNormalBeat is not null && isNormalBeat.Count != rPeaks.Count)
            throw new ArgumentException($"{isNormalBeat.Count} beat classes for {rPeaks.Count} beats", nameof(isNormalBeat));
        var n = Math.Max(0, rPeaks.Count - 1);
        var times = new double[n];
        var intervals = new double[n];
        for (var i = 0; i < n; i++)
        {
            if (rPeaks[i + 1] <= rPeaks[i])
                throw new ArgumentException($"beat positions must ascend (beat {i + 1} at {rPeaks[i + 1]} after {rPeaks[i]})", nameof(rPeaks));
            times[i] = rPeaks[i + 1] / fs;
            intervals[i] = (rPeaks[i + 1] - rPeaks[i]) / fs;
        }
        var isNn = new bool[n];
        for (var i = 0; i < n; i++)
        {
            var normal = isNormalBeat is null || (isNormalBeat[i] && isNormalBeat[i + 1]);
            isNn[i] = normal && intervals[i] is >= MinInterval and <= MaxInterval
                      && Math.Abs(intervals[i] - LocalMedian(intervals, i)) <= MaxDeviation * LocalMedian(intervals, i);
        }
        return new RrSeries(times, intervals, isNn);
    }

    private static double LocalMedian(double[] intervals, int i)
    {
        var from = Math.Max(0, i - Neighbourhood);
        var to = Math.Min(intervals.Length, i + Neighbourhood + 1);
        var window = intervals[from..to];
        Array.Sort(window);
        return window[window.Length / 2];
    }
}
