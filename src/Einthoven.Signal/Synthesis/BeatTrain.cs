namespace Einthoven.Signal.Synthesis;

public enum BeatKind { Sinus, Pvc, AfConducted }

/// <summary>One beat: the time of its R peak, the RR interval before it and its kind.</summary>
public readonly record struct SyntheticBeat(double RTime, double Rr, BeatKind Kind);

/// <summary>
/// The sequence of beats: sinus rhythm driven by the ECGSYN tachogram, premature ventricular contractions with a
/// full compensatory pause, and atrial fibrillation episodes with an irregularly irregular ventricular response.
/// </summary>
public static class BeatTrain
{
    public static List<SyntheticBeat> Generate(SynthesisOptions o, GaussianNoise noise)
    {
        var random = noise.Random;
        var tachogram = new RrTachogram(o.MeanHeartRate, o.HeartRateStd, o.LfHfRatio, random);
        var af = new AfSchedule(o.AfEpisodes);
        var end = o.Duration.TotalSeconds + 2;
        var beats = new List<SyntheticBeat>();
        var t = 0.0;
        var pendingPause = 0.0;
        while (t < end)
        {
            double rr;
            BeatKind kind;
            if (af.Contains(t))
            {
                rr = Math.Clamp(60 / o.AfHeartRate * Math.Exp(0.22 * noise.Next()), 0.3, 2.0);
                kind = BeatKind.AfConducted;
                pendingPause = 0;
            }
            else if (pendingPause > 0)
            {
                (rr, kind, pendingPause) = (pendingPause, BeatKind.Sinus, 0);
            }
            else
            {
                var sinus = tachogram.At(t);
                if (beats.Count > 1 && random.NextDouble() < o.PvcProbability)
                {
                    rr = 0.6 * sinus;
                    kind = BeatKind.Pvc;
                    pendingPause = 2 * sinus - rr;
                }
                else (rr, kind) = (sinus, BeatKind.Sinus);
            }
            t += rr;
            beats.Add(new SyntheticBeat(t, rr, kind));
        }
        return beats;
    }
}

/// <summary>The atrial fibrillation episodes as second ranges, for a fast look-up per sample.</summary>
public sealed class AfSchedule(IEnumerable<(TimeSpan Start, TimeSpan Length)> episodes)
{
    private readonly (double Start, double End)[] _ranges =
        episodes.Select(e => (e.Start.TotalSeconds, (e.Start + e.Length).TotalSeconds)).ToArray();

    public bool Contains(double t)
    {
        foreach (var (start, end) in _ranges)
            if (t >= start && t < end) return true;
        return false;
    }
}
