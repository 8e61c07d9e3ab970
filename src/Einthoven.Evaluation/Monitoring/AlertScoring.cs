using Einthoven.Monitoring;

namespace Einthoven.Evaluation.Monitoring;

/// <summary>One stream's reference events and the alerts a monitor raised on it (from the engine in-process or back through the server).</summary>
public sealed record ScoredStream(string Name, double SamplingFrequency, long Length, IReadOnlyList<ReferenceEvent> Reference, IReadOnlyList<MonitorAlert> Alerts);

/// <summary>An alerted episode: an Onset paired with the next End of its kind (or the stream's end); a pause is an instant.</summary>
public sealed record AlertedEpisode(AlertKind Kind, long Start, long End, long DetectedAt);

/// <summary>Event sensitivity, positive predictivity and onset delay of one alert kind over all streams.</summary>
public sealed record AlertKindScore(AlertKind Kind, int Reference, int Found, int Alerted, int True, IReadOnlyList<double> DelaysSeconds)
{
    public double? Sensitivity => Reference > 0 ? (double)Found / Reference : null;
    public double? PositivePredictivity => Alerted > 0 ? (double)True / Alerted : null;
    public double? MedianDelay => Quantile(0.5);
    public double? P95Delay => Quantile(0.95);

    private double? Quantile(double q)
    {
        if (DelaysSeconds.Count == 0) return null;
        var sorted = DelaysSeconds.Order().ToArray();
        return sorted[(int)Math.Ceiling(q * sorted.Length) - 1];
    }
}

/// <summary>
/// Scores alerts against reference events per alert kind, in the spirit of the EC38/EC57 episode rules: an alerted
/// episode and a reference event match when they overlap once the reference event is widened by
/// <see cref="ToleranceSeconds"/> on each side. Sensitivity counts the reference events matched by some alert;
/// positive predictivity the alerted episodes that match some reference event, an alert that matches only a
/// don't-care event counting neither way. The delay of a found event is the earliest matching alert's
/// <see cref="MonitorAlert.DetectedAtSample"/> minus the event's reference start, 0 when an alert was already open
/// (an episode that began before the event and overlaps it, e.g. AF alerted through a short reference change of rhythm).
/// </summary>
public static class AlertScoring
{
    public const double ToleranceSeconds = 5;

    /// <summary>The kinds that have reference events (signal loss has none in the annotations).</summary>
    public static readonly AlertKind[] ScoredKinds = Enum.GetValues<AlertKind>().Where(k => k != AlertKind.SignalLoss).ToArray();

    public static IReadOnlyList<AlertKindScore> Score(IReadOnlyList<ScoredStream> streams) =>
        ScoredKinds.Select(kind => Score(kind, streams)).ToArray();

    public static AlertKindScore Score(AlertKind kind, IReadOnlyList<ScoredStream> streams)
    {
        int reference = 0, found = 0, alerted = 0, truePositive = 0;
        var delays = new List<double>();
        foreach (var s in streams)
        {
            var tolerance = (long)Math.Round(ToleranceSeconds * s.SamplingFrequency);
            var events = s.Reference.Where(e => e.Kind == kind).ToArray();
            var episodes = Episodes(s.Alerts, s.Length).Where(e => e.Kind == kind).ToArray();
            bool Overlap(ReferenceEvent r, AlertedEpisode a) => a.Start <= r.End + tolerance && a.End >= r.Start - tolerance;
            foreach (var r in events.Where(e => !e.DontCare))
            {
                reference++;
                var matching = episodes.Where(a => Overlap(r, a)).ToArray();
                if (matching.Length == 0) continue;
                found++;
                delays.Add(Math.Max(0, matching.Min(a => a.DetectedAt) - r.Start) / s.SamplingFrequency);
            }
            foreach (var a in episodes)
            {
                var real = events.Any(r => !r.DontCare && Overlap(r, a));
                if (!real && events.Any(r => r.DontCare && Overlap(r, a))) continue;
                alerted++;
                if (real) truePositive++;
            }
        }
        return new AlertKindScore(kind, reference, found, alerted, truePositive, delays);
    }

    /// <summary>Alerts paired into episodes: each Onset with the next End of its kind, else open until <paramref name="length"/>.</summary>
    public static IReadOnlyList<AlertedEpisode> Episodes(IEnumerable<MonitorAlert> alerts, long length)
    {
        var open = new Dictionary<AlertKind, MonitorAlert>();
        var episodes = new List<AlertedEpisode>();
        foreach (var a in alerts)
        {
            if (a.Phase == AlertPhase.Onset && a.Kind == AlertKind.Pause)
                episodes.Add(new AlertedEpisode(a.Kind, a.StartSample, a.StartSample, a.DetectedAtSample));
            else if (a.Phase == AlertPhase.Onset) open.TryAdd(a.Kind, a);
            else if (open.Remove(a.Kind, out var onset))
                episodes.Add(new AlertedEpisode(a.Kind, onset.StartSample, Math.Max(onset.StartSample, a.StartSample), onset.DetectedAtSample));
        }
        episodes.AddRange(open.Values.Select(o => new AlertedEpisode(o.Kind, o.StartSample, length, o.DetectedAtSample)));
        return episodes;
    }
}
