using Einthoven.Learning.Tensors;
using Einthoven.Learning.Training;

namespace Einthoven.Models.Beats;

/// <summary>
/// Labelled beats as a training dataset. In training passes each lead's window (plain and minus template) is scaled
/// by a random factor in [1 - a, 1 + a], seeded per sample, so the network does not learn one patient's amplitudes.
/// </summary>
public sealed class BeatDataset : IDataset
{
    private static readonly int[] Shape = [BeatInputLayout.Channels, BeatInputLayout.Length];
    private readonly BeatFeatures beats;
    private readonly IReadOnlyList<AamiClass> labels;
    private readonly float amplitudeJitter;

    public BeatDataset(BeatFeatures beats, IReadOnlyList<AamiClass> labels, float amplitudeJitter = 0f)
    {
        if (beats.Count != labels.Count) throw new ArgumentException($"{beats.Count} beats but {labels.Count} labels", nameof(labels));
        if (amplitudeJitter is < 0f or >= 1f) throw new ArgumentOutOfRangeException(nameof(amplitudeJitter), amplitudeJitter, "must be in [0, 1)");
        this.beats = beats;
        this.labels = labels;
        this.amplitudeJitter = amplitudeJitter;
    }

    public static BeatDataset From(IEnumerable<LabelledRecord> records, float amplitudeJitter = 0f)
    {
        var list = records.ToList();
        return new BeatDataset(BeatFeatures.Concat(list.Select(r => r.Features).ToList()), list.SelectMany(r => r.Labels).ToArray(), amplitudeJitter);
    }

    public int Count => beats.Count;
    public IReadOnlyList<int> SampleShape => Shape;
    public int FeatureCount => BeatInputLayout.FeatureCount;
    public int TargetWidth => 1;
    public IReadOnlyList<AamiClass> Labels => labels;

    public void Fill(int index, SampleSlot slot)
    {
        beats.Window(index).CopyTo(slot.Input);
        beats.FeatureRow(index).CopyTo(slot.Features);
        slot.Target[0] = (int)labels[index];
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

    /// <summary>Beats per class, indexed by <see cref="AamiClass"/>.</summary>
    public long[] ClassCounts()
    {
        var counts = new long[AamiMapping.ClassCount];
        foreach (var label in labels) counts[(int)label]++;
        return counts;
    }
}
