using Einthoven.Signal.Analysis.Delineation;

namespace Einthoven.Signal.Analysis.Measurements;

/// <summary>
/// Whether the beats themselves show a P wave, as a PR interval needs: a median beat can show a bump before the QRS
/// where no beat has a P wave (the fibrillatory waves of atrial fibrillation, the flutter waves of flutter, averaged
/// at the R peaks). Each beat is delineated on its own window (<see cref="BeatDelineator"/>); P waves are present when
/// at least <see cref="MinShare"/> of the beats show one, at a steady distance from the QRS: the PR intervals of those
/// beats spread by at most <see cref="MaxSpreadMs"/> (median absolute deviation), as conducted sinus beats do and
/// fibrillatory waves, which fall anywhere, do not.
/// </summary>
/// <param name="Beats">Beats delineated.</param>
/// <param name="WithP">Beats in which a P wave was found.</param>
/// <param name="PrSpreadMs">Median absolute deviation of those beats' PR intervals, in ms; null with fewer than 3.</param>
public sealed record PWavePresence(int Beats, int WithP, double? PrSpreadMs)
{
    public const double MinShare = 0.6, MaxSpreadMs = 20;

    /// <summary>At most this many beats, spread evenly over the record, are delineated.</summary>
    public const int MaxBeats = 60;

    public double Share => Beats == 0 ? 0 : (double)WithP / Beats;

    public bool Present => Beats >= 3 && Share >= MinShare && PrSpreadMs <= MaxSpreadMs;

    /// <summary>Why P waves count as absent, or null when they are present.</summary>
    public string? Absence => Present ? null
        : Beats < 3 ? "too few beats to check for P waves"
        : Share < MinShare ? $"no P wave before most beats ({WithP} of {Beats})"
        : $"P waves at an unsteady distance from the QRS (PR spread {PrSpreadMs:0} ms)";

    /// <param name="leads">Cleaned leads in mV.</param>
    /// <param name="rPeaks">The beats to check (ascending), e.g. those of the dominant family.</param>
    public static PWavePresence Check(double[][] leads, IReadOnlyList<int> rPeaks, double fs)
    {
        var beats = rPeaks.Count <= MaxBeats ? rPeaks
            : Enumerable.Range(0, MaxBeats).Select(i => rPeaks[(int)((long)i * rPeaks.Count / MaxBeats)]).ToArray();
        var delineated = BeatDelineator.DelineateAll(leads, beats, fs);
        var pr = delineated.Where(d => d.P is not null).Select(d => (d.Qrs.Onset - d.P!.Value.Onset) * 1000 / fs).ToArray();
        return new PWavePresence(delineated.Count, pr.Length, pr.Length < 3 ? null : MedianAbsoluteDeviation(pr));
    }

    private static double MedianAbsoluteDeviation(double[] x)
    {
        var median = Slopes.Percentile(x, 0.5);
        return Slopes.Percentile(x.Select(v => Math.Abs(v - median)), 0.5);
    }
}
