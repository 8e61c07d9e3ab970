using Einthoven.Learning.Tensors;
using Einthoven.Learning.Training;
using Einthoven.Models.Beats;

namespace Einthoven.Training.Beats;

/// <summary>
/// Labelled beats as a training set for one expert. The morphology expert sees the windows and the features, with
/// the labels of <see cref="BeatExperts.MorphologyLabel"/>; in training passes the windows are changed by a
/// <see cref="BeatAugmentation"/>, seeded per sample. The rhythm expert sees only the features of the N and S beats, plus any extra N feature rows.
/// </summary>
public sealed class BeatDataset : IDataset
{
    private readonly BeatFeatures beats;
    private readonly int[] indices, labels;
    private readonly float[] extraNormal;
    private readonly BeatAugmentation augmentation;
    private readonly bool morphology;

    private BeatDataset(BeatFeatures beats, int[] indices, int[] labels, bool morphology, BeatAugmentation augmentation, float[] extraNormal)
    {
        (this.beats, this.indices, this.labels, this.morphology, this.augmentation, this.extraNormal) =
            (beats, indices, labels, morphology, augmentation, extraNormal);
        SampleShape = morphology ? [BeatInputLayout.Channels, BeatInputLayout.Length] : [BeatInputLayout.RhythmExpertFeatures.Count];
        FeatureCount = morphology ? BeatInputLayout.FeatureCount : 0;
    }

    public static BeatDataset Morphology(BeatFeatures beats, IReadOnlyList<AamiClass> classes, BeatAugmentation? augmentation = null)
    {
        Check(beats, classes);
        augmentation ??= BeatAugmentation.None;
        augmentation.Validate();
        return new BeatDataset(beats, Enumerable.Range(0, beats.Count).ToArray(), classes.Select(BeatExperts.MorphologyLabel).ToArray(), true, augmentation, []);
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
        return new BeatDataset(beats, kept, labels, false, BeatAugmentation.None, extraNormal);
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
            BeatInputLayout.GatherRhythmFeatures(extraNormal.AsSpan((index - indices.Length) * BeatInputLayout.FeatureCount, BeatInputLayout.FeatureCount), slot.Input);
            return;
        }
        var beat = indices[index];
        if (!morphology)
        {
            BeatInputLayout.GatherRhythmFeatures(beats.FeatureRow(beat), slot.Input);
            return;
        }
        beats.Window(beat).CopyTo(slot.Input);
        beats.FeatureRow(beat).CopyTo(slot.Features);
        if (slot.Training) augmentation.Apply(slot.Input, slot.Seed);
    }

    private static void Check(BeatFeatures beats, IReadOnlyList<AamiClass> classes)
    {
        if (beats.Count != classes.Count) throw new ArgumentException($"{beats.Count} beats but {classes.Count} labels", nameof(classes));
    }
}
