using Einthoven.Learning.Classical;

namespace Einthoven.Models.Beats;

/// <summary>
/// Adapts the N-or-S decision to the patient, without labels. Inter-patient, the network finds a patient's clearest
/// premature beats but is unsure of the rest of them, because what marks one patient's S beats (their coupling
/// interval, their P wave) differs from the training patients'. Within one record those beats resemble each other.
/// So the record's confident S beats (P(S | N or S) above <see cref="ConfidentS"/>) and confident N beats (below
/// <see cref="ConfidentN"/>) teach a linear discriminant over the rhythm expert's features, and a beat the network left
/// as N, without confidence, becomes S when the discriminant puts it on the side of the patient's S beats. Only N beats
/// change, and only into S: a record without confident S beats, or with fewer than <see cref="MinSeeds"/>, is left as
/// it is. Chosen on DS1 cross-validation (docs/BENCHMARKS.md, session 10).
/// </summary>
public static class PatientAdaptation
{
    public const float ConfidentS = 0.9f, ConfidentN = 0.05f;

    /// <summary>Fewest confident S beats a record needs to be adapted (and 4 times as many confident N beats).</summary>
    public const int MinSeeds = 5;

    // Added to the diagonal of the pooled covariance of the standardised features: keeps a discriminant learned from
    // a handful of S beats smooth.
    private const double Ridge = 0.1;

    /// <param name="beats">The record's classified beats, in order.</param>
    /// <param name="features">Their network inputs (same order and count).</param>
    /// <param name="excluded">Beats that neither teach nor change (e.g. those in atrial fibrillation, where no beat is S).</param>
    public static IReadOnlyList<ClassifiedBeat> Apply(IReadOnlyList<ClassifiedBeat> beats, BeatFeatures features, IReadOnlyList<bool> excluded)
    {
        if (features.Count != beats.Count || excluded.Count != beats.Count)
            throw new ArgumentException($"{beats.Count} beats, {features.Count} feature rows and {excluded.Count} exclusion flags must agree");
        var share = beats.Select(b => SShare(b.Probabilities)).ToArray();
        var candidates = Enumerable.Range(0, beats.Count).Where(i => !excluded[i] && beats[i].Class is AamiClass.N or AamiClass.S).ToArray();
        var seedS = candidates.Where(i => beats[i].Class == AamiClass.S && share[i] > ConfidentS).ToArray();
        var seedN = candidates.Where(i => beats[i].Class == AamiClass.N && share[i] < ConfidentN).ToArray();
        if (seedS.Length < MinSeeds || seedN.Length < 4 * MinSeeds) return beats;
        var rows = Enumerable.Range(0, beats.Count).Select(i => RhythmRow(features, i)).ToArray();
        var discriminant = LinearDiscriminant.Fit(seedN.Select(i => rows[i]).ToArray(), seedS.Select(i => rows[i]).ToArray(), Ridge);
        var result = beats.ToArray();
        foreach (var i in candidates)
        {
            if (beats[i].Class != AamiClass.N || share[i] < ConfidentN) continue;
            var score = discriminant.Score(rows[i]);
            if (score <= 0) continue;
            var p = beats[i].Probabilities.ToArray();
            var both = p[(int)AamiClass.N] + p[(int)AamiClass.S];
            var s = 1 / (1 + Math.Exp(-score));
            p[(int)AamiClass.S] = (float)(both * s);
            p[(int)AamiClass.N] = (float)(both * (1 - s));
            if (BeatClassifier.MostProbable(p) == AamiClass.S) result[i] = beats[i] with { Class = AamiClass.S, Probabilities = p };
        }
        return result;
    }

    private static double SShare(IReadOnlyList<float> p)
    {
        var both = p[(int)AamiClass.N] + p[(int)AamiClass.S];
        return both > 0 ? p[(int)AamiClass.S] / both : 0;
    }

    private static double[] RhythmRow(BeatFeatures features, int beat)
    {
        var row = features.FeatureRow(beat);
        var values = new double[BeatInputLayout.RhythmExpertFeatures.Count];
        for (var i = 0; i < values.Length; i++) values[i] = row[BeatInputLayout.RhythmExpertFeatures[i]];
        return values;
    }
}
