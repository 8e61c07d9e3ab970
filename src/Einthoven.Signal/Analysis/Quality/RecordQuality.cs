using Einthoven.Signal.Analysis.Detection;

namespace Einthoven.Signal.Analysis.Quality;

/// <summary>
/// Quality of a whole record in fixed segments (10 s by default; a trailing piece shorter than half a segment joins
/// the previous one). The rhythm lead is the lead with the most good segments, and a segment's level is that lead's
/// level there; measurements must only use samples where <see cref="IsInterpretable"/> holds.
/// </summary>
public sealed class RecordQuality
{
    public const double DefaultSegmentSeconds = 10;

    private RecordQuality(IReadOnlyList<SegmentQuality> segments, int rhythmLead)
    {
        Segments = segments;
        RhythmLead = rhythmLead;
    }

    public IReadOnlyList<SegmentQuality> Segments { get; }

    /// <summary>The lead that the rhythm (beat positions) should be taken from.</summary>
    public int RhythmLead { get; }

    public bool IsInterpretable(long sample) =>
        Segments.FirstOrDefault(s => s.Contains(sample)) is { Level: not QualityLevel.Inconclusive };

    public int Count(QualityLevel level) => Segments.Count(s => s.Level == level);

    /// <param name="raw">Each lead in mV, unfiltered.</param>
    /// <param name="filtered">Each lead band-passed.</param>
    /// <param name="resolution">Each lead's ADC step in mV.</param>
    /// <param name="beats">Beats detected on each lead, ascending.</param>
    /// <param name="presence">
    /// Where each lead carries a signal; the beats of two leads are compared only where both do, and not at all when that
    /// is under <see cref="MinimumTogetherSeconds"/> of the segment (a paper ECG's leads printed in other columns).
    /// Null: every lead everywhere.
    /// </param>
    public static RecordQuality Assess(double[][] raw, double[][] filtered, double[] resolution, IReadOnlyList<long[]> beats,
        double fs, double segmentSeconds = DefaultSegmentSeconds, LeadPresence? presence = null)
    {
        var n = raw[0].Length;
        var size = Math.Max(1, (int)Math.Round(segmentSeconds * fs));
        var bounds = new List<(int Start, int Length)>();
        for (var start = 0; start < n; start += size)
        {
            var length = Math.Min(size, n - start);
            if (length < size / 2 && bounds.Count > 0) bounds[^1] = (bounds[^1].Start, bounds[^1].Length + length);
            else bounds.Add((start, length));
        }
        var perLead = bounds.Select(b => Enumerable.Range(0, raw.Length).Select(l =>
        {
            var mine = InSegment(beats[l], b.Start, b.Length);
            var agreements = Enumerable.Range(0, raw.Length).Where(o => o != l)
                .Select(o => Agreement(beats, l, o, b.Start, b.Length, fs, presence)).OfType<double>().ToArray();
            var features = QualityFeatures.Compute(raw[l].AsSpan(b.Start, b.Length), filtered[l].AsSpan(b.Start, b.Length), fs, resolution[l], mine,
                agreements.Length == 0 ? null : agreements.Average());
            return (Features: features, Verdict: QualityRules.Classify(features));
        }).ToArray()).ToArray();
        var rhythmLead = Enumerable.Range(0, raw.Length)
            .OrderByDescending(l => perLead.Count(s => s[l].Verdict.Level == QualityLevel.Good))
            .ThenByDescending(l => perLead.Count(s => s[l].Verdict.Level == QualityLevel.Acceptable))
            .First();
        var segments = bounds.Select((b, i) => new SegmentQuality(b.Start, b.Length, perLead[i][rhythmLead].Verdict.Level,
            perLead[i][rhythmLead].Verdict.Reason, perLead[i].Select(x => x.Verdict.Level).ToArray(), perLead[i].Select(x => x.Features).ToArray())).ToArray();
        return new RecordQuality(segments, rhythmLead);
    }

    /// <summary>Least time in a segment during which two leads must both carry a signal for their beats to be compared, s.</summary>
    public const double MinimumTogetherSeconds = 2;

    /// <summary>Agreement of two leads' beats in a segment where both carry a signal, or null if they hardly do together.</summary>
    private static double? Agreement(IReadOnlyList<long[]> beats, int lead, int other, int start, int length, double fs, LeadPresence? presence)
    {
        if (presence is null) return QualityFeatures.Agreement(InSegment(beats[lead], start, length), InSegment(beats[other], start, length), fs);
        if (presence.Together(lead, other, start, length) < MinimumTogetherSeconds * fs) return null;
        long[] Both(long[] of) => InSegment(of, start, length).Where(b => presence.Connected(lead, b + start) && presence.Connected(other, b + start)).ToArray();
        return QualityFeatures.Agreement(Both(beats[lead]), Both(beats[other]), fs);
    }

    private static long[] InSegment(long[] beats, int start, int length)
    {
        var from = Array.BinarySearch(beats, start);
        if (from < 0) from = ~from;
        var to = from;
        while (to < beats.Length && beats[to] < start + length) to++;
        return beats[from..to].Select(b => b - start).ToArray();
    }
}
