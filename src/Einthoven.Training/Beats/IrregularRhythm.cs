using Einthoven.Learning.Tensors;
using Einthoven.Models.Beats;

namespace Einthoven.Training.Beats;

/// <summary>
/// Synthetic atrial-fibrillation-like training beats for the rhythm expert. In atrial fibrillation the intervals are
/// irregularly irregular and a short one is no sign of an ectopic beat; AAMI counts those beats as N. DS1 has only
/// two patients with fibrillation, too few to learn that from, so normal beats of each training record are given new,
/// randomly irregular timing (log-normal intervals around the record's own median, irregularity drawn per sequence)
/// and their timing features recomputed. The QRS comparison with the dominant beat is kept from the real beat; the
/// P-wave correlations are drawn at random, because in fibrillation there is no P wave that could match the
/// dominant beat's. Labelled N.
/// </summary>
public static class IrregularRhythm
{
    private const int SequenceLength = 60;
    private const double MinSpread = 0.08, MaxSpread = 0.35;
    private const double SyntheticRate = 1000;
    private const float PWaveCorrelationReach = 0.8f;
    // Found by name, so that features added to the layout later do not shift it.
    private static readonly int PWaveFeatures = BeatInputLayout.BeatFeatureNames.ToList().IndexOf("P-wave template correlation A");

    /// <summary>Feature rows [count, F] of about <paramref name="fraction"/> times the N beats of the records.</summary>
    public static float[] Generate(IReadOnlyList<LabelledRecord> records, double fraction, ulong seed)
    {
        if (fraction is < 0 or > 10) throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "must be in [0, 10]");
        var width = BeatInputLayout.FeatureCount;
        var rows = new List<float>();
        for (var r = 0; r < records.Count; r++)
        {
            var normal = Enumerable.Range(0, records[r].Count).Where(i => records[r].Labels[i] == AamiClass.N).ToArray();
            var wanted = (int)Math.Round(normal.Length * fraction);
            if (normal.Length == 0 || wanted == 0) continue;
            var rng = new SplitMix64(SplitMix64.Mix(seed, SplitMix64.Hash(records[r].Group)));
            var median = MedianInterval(records[r].Features, normal);
            for (var made = 0; made < wanted; made += SequenceLength)
            {
                var rr = RrIntervals.From(Sequence(ref rng, median), SyntheticRate);
                var row = new float[width];
                for (var b = 0; b < Math.Min(SequenceLength, wanted - made); b++)
                {
                    BeatFeatureExtractor.WriteRhythm(row, rr, b);
                    var source = records[r].Features.FeatureRow(normal[rng.NextInt(normal.Length)]);
                    source[BeatFeatureExtractor.RhythmFeatureCount..].CopyTo(row.AsSpan(BeatFeatureExtractor.RhythmFeatureCount));
                    for (var lead = 0; lead < BeatInputLayout.Leads; lead++)
                        row[PWaveFeatures + lead] = PWaveCorrelationReach * (2 * rng.NextFloat() - 1);
                    rows.AddRange(row);
                }
            }
        }
        return rows.ToArray();
    }

    // Beat times (at 1 kHz) of one irregular sequence around the given mean interval.
    private static long[] Sequence(ref SplitMix64 rng, double meanInterval)
    {
        var spread = MinSpread + (MaxSpread - MinSpread) * rng.NextDouble();
        var times = new long[SequenceLength];
        var t = 0.0;
        for (var i = 1; i < times.Length; i++)
        {
            t += Math.Clamp(meanInterval * Math.Exp(spread * rng.NextGaussian() - spread * spread / 2), 0.25, 2.5);
            times[i] = (long)Math.Round(t * SyntheticRate);
        }
        return times;
    }

    // The record's typical interval, recovered from its normal beats' pre-interval features (pre / 0.8 s, logged).
    private static double MedianInterval(BeatFeatures features, int[] normal)
    {
        var intervals = normal.Select(i => 0.8 * Math.Exp(features.FeatureRow(i)[6])).Order().ToArray();
        return intervals[intervals.Length / 2];
    }
}
