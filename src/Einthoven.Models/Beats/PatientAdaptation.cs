using Einthoven.Learning.Classical;

namespace Einthoven.Models.Beats;

/// <summary>
/// Adapts two decisions to the patient, without labels. Inter-patient, the network is sure of a patient's clearest
/// ectopic beats and unsure of the rest, because what marks one patient's ectopic beats (their shape, their coupling
/// interval, their P wave) differs from the training patients'. Within one record those beats resemble each other.
/// So, per decision, the record's confident beats of each side (share above <see cref="Confident"/> or below
/// <see cref="Unlikely"/>) teach a linear discriminant, and a beat the network was unsure of takes the side the
/// discriminant puts it on:
/// <list type="bullet">
/// <item>ventricular (V) against supraventricular (N or S), over all the beat features, both ways;</item>
/// <item>then S against N, over the rhythm expert's features, only from N to S (so no S beat is ever lost).</item>
/// </list>
/// A record with fewer than <see cref="MinSeeds"/> confident beats of the rarer side is left as it is. Chosen on DS1
/// cross-validation (docs/BENCHMARKS-HISTORY.md, session 10).
/// </summary>
public static class PatientAdaptation
{
    /// <summary>Share of the decision's probability above which a beat is a confident positive, and below which a confident negative.</summary>
    public const float Confident = 0.9f, Unlikely = 0.05f;

    /// <summary>Fewest confident positive beats a record needs for a decision to be adapted (and 4 times as many negative ones).</summary>
    public const int MinSeeds = 5;

    // Added to the diagonal of the pooled covariance of the standardised features: keeps a discriminant learned from
    // a handful of beats smooth.
    private const double Ridge = 0.1;

    private sealed record Decision(AamiClass[] Positive, AamiClass[] Negative, IReadOnlyList<int> Features, bool BothWays);

    private static readonly Decision Ventricular = new([AamiClass.V], [AamiClass.N, AamiClass.S],
        Enumerable.Range(0, BeatInputLayout.FeatureCount).ToArray(), BothWays: true);

    private static readonly Decision Supraventricular = new([AamiClass.S], [AamiClass.N], BeatInputLayout.RhythmExpertFeatures, BothWays: false);

    /// <param name="beats">The record's classified beats, in order.</param>
    /// <param name="features">Their network inputs (same order and count).</param>
    /// <param name="inAtrialFibrillation">Beats that neither teach nor change the S decision (in fibrillation no beat is S).</param>
    public static IReadOnlyList<ClassifiedBeat> Apply(IReadOnlyList<ClassifiedBeat> beats, BeatFeatures features, IReadOnlyList<bool> inAtrialFibrillation)
    {
        if (features.Count != beats.Count || inAtrialFibrillation.Count != beats.Count)
            throw new ArgumentException($"{beats.Count} beats, {features.Count} feature rows and {inAtrialFibrillation.Count} fibrillation flags must agree");
        var ventricular = Adapt(beats, features, Ventricular, new bool[beats.Count]);
        return Adapt(ventricular, features, Supraventricular, inAtrialFibrillation);
    }

    private static IReadOnlyList<ClassifiedBeat> Adapt(IReadOnlyList<ClassifiedBeat> beats, BeatFeatures features, Decision decision, IReadOnlyList<bool> excluded)
    {
        var share = beats.Select(b => Share(b.Probabilities, decision.Positive, decision.Negative)).ToArray();
        var candidates = Enumerable.Range(0, beats.Count)
            .Where(i => !excluded[i] && (decision.Positive.Contains(beats[i].Class) || decision.Negative.Contains(beats[i].Class))).ToArray();
        var positive = candidates.Where(i => decision.Positive.Contains(beats[i].Class) && share[i] > Confident).ToArray();
        var negative = candidates.Where(i => decision.Negative.Contains(beats[i].Class) && share[i] < Unlikely).ToArray();
        if (positive.Length < MinSeeds || negative.Length < 4 * MinSeeds) return beats;
        var rows = Enumerable.Range(0, beats.Count).Select(i => Row(features, i, decision.Features)).ToArray();
        var discriminant = LinearDiscriminant.Fit(negative.Select(i => rows[i]).ToArray(), positive.Select(i => rows[i]).ToArray(), Ridge);
        var result = beats.ToArray();
        foreach (var i in candidates)
        {
            if (share[i] is < Unlikely or > Confident) continue;
            var score = discriminant.Score(rows[i]);
            var isPositive = decision.Positive.Contains(beats[i].Class);
            if (score > 0 == isPositive || (isPositive && !decision.BothWays)) continue;
            var p = Moved(beats[i].Probabilities, decision, 1 / (1 + Math.Exp(-score)));
            var now = BeatClassifier.MostProbable(p);
            if ((score > 0 ? decision.Positive : decision.Negative).Contains(now)) result[i] = beats[i] with { Class = now, Probabilities = p };
        }
        return result;
    }

    // The decision's probability mass split between its sides by the discriminant's posterior, each side's classes
    // keeping their proportions (all to the first class of a side that had none).
    private static float[] Moved(IReadOnlyList<float> probabilities, Decision decision, double positiveShare)
    {
        var p = probabilities.ToArray();
        var total = decision.Positive.Concat(decision.Negative).Sum(c => p[(int)c]);
        Scale(p, decision.Positive, total * positiveShare);
        Scale(p, decision.Negative, total * (1 - positiveShare));
        return p;
    }

    private static void Scale(float[] p, AamiClass[] side, double mass)
    {
        var sum = side.Sum(c => p[(int)c]);
        if (sum <= 0)
        {
            p[(int)side[0]] = (float)mass;
            return;
        }
        foreach (var c in side) p[(int)c] = (float)(p[(int)c] / sum * mass);
    }

    private static double Share(IReadOnlyList<float> p, AamiClass[] positive, AamiClass[] negative)
    {
        var pos = positive.Sum(c => p[(int)c]);
        var both = pos + negative.Sum(c => p[(int)c]);
        return both > 0 ? pos / both : 0;
    }

    private static double[] Row(BeatFeatures features, int beat, IReadOnlyList<int> indices)
    {
        var row = features.FeatureRow(beat);
        var values = new double[indices.Count];
        for (var i = 0; i < values.Length; i++) values[i] = row[indices[i]];
        return values;
    }
}
