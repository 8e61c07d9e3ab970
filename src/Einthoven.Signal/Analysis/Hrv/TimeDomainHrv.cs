using Einthoven.Signal.Analysis.Beats;

namespace Einthoven.Signal.Analysis.Hrv;

/// <summary>Time-domain HRV of the NN intervals (Task Force 1996): mean NN, SDNN and RMSSD in ms, pNN50 in %.</summary>
public sealed record TimeDomainHrv(int NnCount, double MeanNn, double Sdnn, double Rmssd, double Pnn50)
{
    /// <summary>The measures, or null with fewer than 3 NN intervals.</summary>
    public static TimeDomainHrv? From(RrSeries rr)
    {
        var nn = new List<double>();
        var diffs = new List<double>();
        for (var i = 0; i < rr.Count; i++)
        {
            if (!rr.IsNormalToNormal[i]) continue;
            nn.Add(rr.Intervals[i] * 1000);
            // Successive differences only between adjacent NN intervals, never across an excluded one.
            if (i > 0 && rr.IsNormalToNormal[i - 1]) diffs.Add((rr.Intervals[i] - rr.Intervals[i - 1]) * 1000);
        }
        if (nn.Count < 3) return null;
        var mean = nn.Average();
        var sdnn = Math.Sqrt(nn.Sum(v => (v - mean) * (v - mean)) / (nn.Count - 1));
        var rmssd = diffs.Count == 0 ? 0 : Math.Sqrt(diffs.Average(d => d * d));
        var pnn50 = diffs.Count == 0 ? 0 : 100.0 * diffs.Count(d => Math.Abs(d) > 50) / diffs.Count;
        return new TimeDomainHrv(nn.Count, mean, sdnn, rmssd, pnn50);
    }
}
