namespace Einthoven.Signal.Analysis.Beats;

/// <summary>Heart rate in beats per minute from the NN intervals: mean, minimum and maximum, and per interval.</summary>
public sealed record HeartRate(double Mean, double Min, double Max, double[] Instantaneous)
{
    /// <summary>The rate summary, or null when there is no NN interval.</summary>
    public static HeartRate? From(RrSeries rr)
    {
        var (_, nn) = rr.NormalToNormal();
        if (nn.Length == 0) return null;
        var inst = nn.Select(i => 60 / i).ToArray();
        return new HeartRate(60 / nn.Average(), inst.Min(), inst.Max(), inst);
    }
}
