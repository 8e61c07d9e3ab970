using Einthoven.Learning.Tensors;
using Einthoven.Learning.Training;
using Einthoven.Models.Rhythm;

namespace Einthoven.Training.Rhythm;

/// <summary>
/// Training samples of the rhythm CNN: a <see cref="RhythmSignal.CropLength"/> crop of each record's prepared
/// signal (random while training, as augmentation; centred otherwise) with its standardised features.
/// </summary>
internal sealed class RhythmSignalDataset(float[][] signals, float[] standardizedFeatures, int[] labels) : IDataset
{
    public int Count => labels.Length;
    public IReadOnlyList<int> SampleShape { get; } = [1, RhythmSignal.CropLength];
    public int FeatureCount => RhythmFeatures.Count;
    public int TargetWidth => 1;

    public void Fill(int index, SampleSlot slot)
    {
        var signal = signals[index];
        var spare = Math.Max(0, signal.Length - RhythmSignal.CropLength);
        var start = slot.Training ? new SplitMix64(slot.Seed).NextInt(spare + 1) : spare / 2;
        RhythmSignal.Crop(signal, start, slot.Input);
        standardizedFeatures.AsSpan(index * FeatureCount, FeatureCount).CopyTo(slot.Features);
        slot.Target[0] = labels[index];
    }
}
