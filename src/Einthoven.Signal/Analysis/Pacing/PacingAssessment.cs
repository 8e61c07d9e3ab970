namespace Einthoven.Signal.Analysis.Pacing;

/// <summary>
/// Whether a record shows paced rhythm, from the signal alone: a beat is paced when a spike (on any lead) precedes its
/// R peak by 25-250 ms (atrial or ventricular stimulus before the depolarisation it causes; a spike right at the R
/// peak is more often a sharp R wave), and the rhythm is paced when at least 10 % of the beats are, and at least twice
/// the share that spikes of a noisy record would give by chance. Below 200 Hz, where a stimulus is mostly filtered
/// away, a record is also paced when it looks ventricular-paced (<see cref="LooksVentricularPaced"/>): a wide QRS
/// without P waves conducted at a steady PR, a rate as regular as a pacemaker's, and at least half the beats after a
/// sharp deflection found with looser thresholds (<see cref="PacingOptions.Relaxed"/>). <see cref="SpikeCount"/> counts the spikes that pace
/// a beat in paced rhythm, and is 0 when the rhythm is not paced (a sharp deflection is then an artefact or a notch).
/// </summary>
public sealed record PacingAssessment(bool PacedRhythm, double PacedBeatFraction, int PacedBeats, int SpikeCount, double ChanceFraction)
{
    public const double MinPacedFraction = 0.1, ChanceMargin = 2, LatestBeforeR = 0.025, EarliestBeforeR = 0.25;

    /// <summary>Ventricular-paced morphology: QRS at least this wide (ms), RR varying by at most this share, this share of beats after a deflection.</summary>
    public const double MinPacedQrsMs = 120, MaxPacedRrVariation = 0.02, MinMorphologyFraction = 0.5;

    /// <summary>
    /// Assesses the beats of every lead (the fiducial point of a beat differs between leads) and keeps the lead that
    /// shows pacing, or else the one with the largest paced share.
    /// </summary>
    /// <param name="leads">Unfiltered leads in mV.</param>
    /// <param name="fs">Sampling frequency.</param>
    /// <param name="beatsPerLead">R peaks detected on each lead, ascending.</param>
    /// <param name="options">Thresholds; by default those for the sampling rate.</param>
    /// <param name="intervals">The record's intervals, for the ventricular-paced morphology below 200 Hz (wide QRS, no PR); null when unknown.</param>
    public static PacingAssessment Assess(double[][] leads, double fs, IReadOnlyList<long[]> beatsPerLead, PacingOptions? options = null,
        Measurements.GlobalMeasurements? intervals = null)
    {
        if (beatsPerLead.Count == 0) throw new ArgumentException("no beat lists", nameof(beatsPerLead));
        var bySpikes = AssessSpikes(leads, fs, beatsPerLead, options ?? PacingOptions.For(fs, leads.Length));
        if (bySpikes.PacedRhythm || fs >= 200 || intervals is not { QrsMs: >= MinPacedQrsMs, PrMs: null }) return bySpikes;
        var relaxed = AssessSpikes(leads, fs, beatsPerLead, PacingOptions.Relaxed(leads.Length));
        return LooksVentricularPaced(relaxed, beatsPerLead, fs) ? relaxed with { PacedRhythm = true, SpikeCount = relaxed.PacedBeats } : bySpikes;
    }

    private static PacingAssessment AssessSpikes(double[][] leads, double fs, IReadOnlyList<long[]> beatsPerLead, PacingOptions options)
    {
        var spikes = Merge(leads.SelectMany((l, i) => PacingSpikeDetector.Detect(l, fs, options, i)), fs, Math.Min(options.MinLeads, leads.Length));
        // A spike within 25 ms of an R peak on any lead is a sharp R wave, not a stimulus.
        var rPeaks = beatsPerLead.SelectMany(b => b).Order().ToArray();
        var margin = (long)Math.Round(LatestBeforeR * fs);
        spikes = spikes.Where(s => !NearBeat(rPeaks, s, margin, margin)).ToArray();
        return beatsPerLead.Select(beats => AssessBeats(spikes, beats, fs, leads[0].Length))
            .OrderByDescending(a => a.PacedRhythm).ThenByDescending(a => a.PacedBeatFraction).First();
    }

    /// <summary>
    /// Most beats after a deflection (beyond chance) at a rate as regular as a fixed-rate or tracking pacemaker's:
    /// the RR intervals of the lead with the most beats vary by at most <see cref="MaxPacedRrVariation"/> (coefficient of variation).
    /// </summary>
    private static bool LooksVentricularPaced(PacingAssessment relaxed, IReadOnlyList<long[]> beatsPerLead, double fs)
    {
        if (relaxed.PacedBeatFraction < MinMorphologyFraction || relaxed.PacedBeatFraction < ChanceMargin * relaxed.ChanceFraction) return false;
        var beats = beatsPerLead.MaxBy(b => b.Length)!;
        if (beats.Length < 4) return false;
        var rr = beats.Zip(beats.Skip(1), (a, b) => (b - a) / fs).ToArray();
        var mean = rr.Average();
        return Math.Sqrt(rr.Average(x => (x - mean) * (x - mean))) <= MaxPacedRrVariation * mean;
    }

    private static PacingAssessment AssessBeats(long[] spikes, IReadOnlyList<long> beats, double fs, int length)
    {
        var pacing = beats.Select(r => SpikeBefore(spikes, r, fs)).Where(s => s >= 0).ToArray();
        var fraction = beats.Count == 0 ? 0 : (double)pacing.Length / beats.Count;
        var chance = ChanceShare(spikes, beats, fs, length);
        var isPaced = beats.Count > 0 && fraction >= MinPacedFraction && fraction >= ChanceMargin * chance;
        return new PacingAssessment(isPaced, fraction, pacing.Length, isPaced ? pacing.Distinct().Count() : 0, chance);
    }

    /// <summary>
    /// The share of beats that would have a spike before them by chance: the rate of spikes away from every beat
    /// (noise, artefacts) times the width of the window. Noisy records have many such spikes and must beat this.
    /// </summary>
    private static double ChanceShare(long[] spikes, IReadOnlyList<long> beats, double fs, int length)
    {
        var near = (long)Math.Round(EarliestBeforeR * fs);
        var after = (long)Math.Round(0.04 * fs);
        var sorted = beats.Order().ToArray();
        var covered = 0L;
        for (var k = 0; k < sorted.Length; k++)
        {
            var start = Math.Max(sorted[k] - near, k > 0 ? sorted[k - 1] + after : 0);
            covered += Math.Max(0, sorted[k] + after - start);
        }
        var background = spikes.Count(s => !NearBeat(sorted, s, near, after));
        var freeSeconds = Math.Max(1, length - covered) / fs;
        return 1 - Math.Exp(-background / freeSeconds * (EarliestBeforeR - LatestBeforeR));
    }

    private static bool NearBeat(long[] sorted, long spike, long before, long after)
    {
        var i = Array.BinarySearch(sorted, spike - after);
        if (i < 0) i = ~i;
        return i < sorted.Length && sorted[i] <= spike + before;
    }

    /// <summary>One spike seen on several leads counts once, and only when enough leads see it.</summary>
    private static long[] Merge(IEnumerable<PacingSpike> spikes, double fs, int minLeads)
    {
        var gap = Math.Max(1, (long)Math.Round(0.02 * fs));
        var merged = new List<long>();
        var group = new HashSet<int>();
        long first = -1;
        foreach (var s in spikes.OrderBy(s => s.Sample))
        {
            if (first < 0 || s.Sample - first > gap)
            {
                if (first >= 0 && group.Count >= minLeads) merged.Add(first);
                group.Clear();
                first = s.Sample;
            }
            group.Add(s.Lead);
        }
        if (first >= 0 && group.Count >= minLeads) merged.Add(first);
        return merged.ToArray();
    }

    /// <summary>The index of the first spike 25-250 ms before R peak <paramref name="r"/>, or -1.</summary>
    private static int SpikeBefore(long[] spikes, long r, double fs)
    {
        var from = r - (long)Math.Round(EarliestBeforeR * fs);
        var to = r - (long)Math.Round(LatestBeforeR * fs);
        var i = Array.BinarySearch(spikes, from);
        if (i < 0) i = ~i;
        return i < spikes.Length && spikes[i] <= to ? i : -1;
    }
}
