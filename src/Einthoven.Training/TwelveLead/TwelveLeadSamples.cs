using Einthoven.Learning.Tensors;
using Einthoven.Learning.Training;
using Einthoven.Models.TwelveLead;

namespace Einthoven.Training.TwelveLead;

/// <summary>
/// Training samples of the 12-lead network: a <paramref name="crop"/>-sample window of each record's prepared signal
/// (at a random start, scaled by a random gain of 0.8-1.25 and with 20 µV of white noise while training; the whole
/// record otherwise, with crop equal to its length), its standardised features and its multi-label targets.
/// </summary>
internal sealed class TwelveLeadSamples(TwelveLeadDataset data, IReadOnlyList<int> rows, float[] standardizedFeatures, int crop) : IDataset
{
    private const float NoiseMillivolts = 0.02f;

    public int Count => rows.Count;
    public IReadOnlyList<int> SampleShape { get; } = [TwelveLeadNetwork.Leads, crop];
    public int FeatureCount => TwelveLeadFeatures.Count;
    public int TargetWidth => data.Classes.Count;

    public void Fill(int index, SampleSlot slot)
    {
        var row = rows[index];
        var signal = data.Signals[row];
        var length = signal.Length / TwelveLeadNetwork.Leads;
        var random = new SplitMix64(slot.Seed);
        var start = slot.Training ? random.NextInt(length - crop + 1) : (length - crop) / 2;
        var gain = slot.Training ? MathF.Exp((random.NextFloat() - 0.5f) * 2 * MathF.Log(1.25f)) : 1f;
        for (var l = 0; l < TwelveLeadNetwork.Leads; l++)
        {
            var source = signal.AsSpan(l * length + start, crop);
            var target = slot.Input.Slice(l * crop, crop);
            for (var i = 0; i < crop; i++)
                target[i] = gain * source[i] + (slot.Training ? NoiseMillivolts * (float)random.NextGaussian() : 0);
        }
        standardizedFeatures.AsSpan(index * FeatureCount, FeatureCount).CopyTo(slot.Features);
        for (var k = 0; k < data.Classes.Count; k++) slot.Target[k] = data.Targets[row][k] ? 1 : 0;
    }
}
