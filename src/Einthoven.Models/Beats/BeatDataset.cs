using Einthoven.Learning.Tensors;
using Einthoven.Learning.Training;

namespace Einthoven.Models.Beats;

/// <summary>
/// Labelled beats as a training set for one expert. The morphology expert sees the windows and the features, with
/// the labels of <see cref="BeatExperts.MorphologyLabel"/>; in training passes each lead's windows are scaled by a
/// random factor in [1 - a, 1 + a], seeded per sample, so the network does not learn one patient's amplitudes. The
/// rhythm expert sees only the features of the N and S beats, plus any extra N feature rows.
/// </summary>
public sealed class BeatDataset : IDataset
{
    private readonly BeatFeatures beats;
    private readonly int[] indices, labels;
    private readonly float[] extraNormal;
    private readonly float amplitudeJitter;
    private readonly bool morphology;

    private BeatDataset(BeatFeatures beats, int[] indices, int[] labels, bool morphology, float amplitudeJitter, float[] extraNormal)
    {
        (this.beats, this.indices, this.labels, this.morphology, this.amplitudeJitter, this.extraNormal) =
            (beats, indices, labels, morphology, amplitudeJitter, extraNormal);
        SampleShape = morphology ? [BeatInputLayout.Channels, BeatInputLayout.Length] : [BeatInputLayout.FeatureCount];
        FeatureCount = morphology ? BeatInputLayout.FeatureCount : 0;
    }

    public static BeatDataset Morphology(BeatFeatures beats, IReadOnlyList<AamiClass> classes, float amplitudeJitter = 0f)
    {
        Check(beats, classes);
        if (amplitudeJitter is < 0f or >= 1f) throw new ArgumentOutOfRangeException(nameof(amplitudeJitter), amplitudeJitter, "must be in [0, 1)");
        return new BeatDataset(beats, Enumerable.Range(0, beats.Count).ToArray(), classes.Select(BeatExperts.MorphologyLabel).ToArray(), true, amplitudeJitter, []);
    }

    /// <param name="extraNormal">Further feature rows of N beats (e.g. from <see cref="IrregularRhythm"/>), [count, F] flat.</param>
    public static BeatDataset Rhythm(BeatFeatures beats, IReadOnlyList<AamiClass> classes, float[]? extraNormal = null)
    {
        Check(beats, classes);
        extraNormal ??= [];
        if (extraNormal.Length % BeatInputLayout.FeatureCount != 0)
            throw new ArgumentException($"{extraNormal.Length} values are not whole rows of {BeatInputLayout.FeatureCount} features", nameof(extraNormal));
        var kept = Enumerable.Range(0, beats.Count).Where(i => BeatExperts.RhythmLabel(classes[i]) is not null).ToArray();
        var normal = BeatExperts.RhythmLabel(AamiClass.N)!.Value;
        var labels = kept.Select(i => BeatExperts.RhythmLabel(classes[i])!.Value)
            .Concat(Enumerable.Repeat(normal, extraNormal.Length / BeatInputLayout.FeatureCount)).ToArray();
        return new BeatDataset(beats, kept, labels, false, 0f, extraNormal);
    }

    public int Count => labels.Length;
    public IReadOnlyList<int> SampleShape { get; }
    public int FeatureCount { get; }
    public int TargetWidth => 1;

    /// <summary>Samples per expert label.</summary>
    public long[] LabelCounts(int labelCount)
    {
        var counts = new long[labelCount];
        foreach (var label in labels) counts[label]++;
        return counts;
    }

    public void Fill(int index, SampleSlot slot)
    {
        slot.Target[0] = labels[index];
        if (index >= indices.Length)
        {
            extraNormal.AsSpan((index - indices.Length) * BeatInputLayout.FeatureCount, BeatInputLayout.FeatureCount).CopyTo(slot.Input);
            return;
        }
        var beat = indices[index];
        if (!morphology)
        {
            beats.FeatureRow(beat).CopyTo(slot.Input);
            return;
        }
        beats.Window(beat).CopyTo(slot.Input);
        beats.FeatureRow(beat).CopyTo(slot.Features);
        if (!slot.Training || amplitudeJitter == 0f) return;
        var rng = new SplitMix64(slot.Seed);
        for (var lead = 0; lead < BeatInputLayout.Leads; lead++)
        {
            var factor = 1f + amplitudeJitter * (2f * rng.NextFloat() - 1f);
            foreach (var channel in new[] { lead, BeatInputLayout.Leads + lead })
            {
                var span = slot.Input.Slice(channel * BeatInputLayout.Length, BeatInputLayout.Length);
                System.Numerics.Tensors.TensorPrimitives.Multiply(span, factor, span);
            }
        }
    }

    private static void Check(BeatFeatures beats, IReadOnlyList<AamiClass> classes)
    {
        if (beats.Count != classes.Count) throw new ArgumentException($"{beats.Count} beats but {classes.Count} labels", nameof(classes));
    }
}
