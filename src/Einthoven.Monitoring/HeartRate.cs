namespace Einthoven.Monitoring;

/// <summary>
/// Heart rate as IEC 60601-2-27 (201.7.9.2.9.101 b 3) monitors average it, from a beat's last RR intervals: the mean
/// of the last 12 without the longest and the shortest, or the mean of the last 4 when the last 3 all exceed 1.2 s
/// (so a sudden bradycardia shows within a few beats).
/// </summary>
public sealed class HeartRateAverager
{
    public const int Intervals = 12, FewestIntervals = 4;
    private const double SlowInterval = 1.2;
    private readonly Queue<double> _rr = new(Intervals + 1);

    public int Count => _rr.Count;

    public void Clear() => _rr.Clear();

    /// <summary>Adds an RR interval (s) and gives the averaged rate in bpm, or null while fewer than 4 intervals are known.</summary>
    public double? Add(double rrSeconds)
    {
        _rr.Enqueue(rrSeconds);
        if (_rr.Count > Intervals) _rr.Dequeue();
        if (_rr.Count < FewestIntervals) return null;
        var rr = _rr.ToArray();
        if (rr[^3..].All(r => r > SlowInterval)) return 60 / rr[^4..].Average();
        var mean = rr.Length > 4 ? (rr.Sum() - rr.Max() - rr.Min()) / (rr.Length - 2) : rr.Average();
        return 60 / mean;
    }
}
