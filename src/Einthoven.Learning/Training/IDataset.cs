namespace Einthoven.Learning.Training;

/// <summary>
/// Where one sample is written: its input (the flattened <see cref="IDataset.SampleShape"/>), its extra features and
/// its target. <see cref="Training"/> and <see cref="Seed"/> let a dataset augment reproducibly (e.g. random crops).
/// </summary>
public readonly ref struct SampleSlot(Span<float> input, Span<float> features, Span<float> target, bool training, ulong seed)
{
    public Span<float> Input { get; } = input;
    public Span<float> Features { get; } = features;
    public Span<float> Target { get; } = target;
    public bool Training { get; } = training;
    public ulong Seed { get; } = seed;
}

/// <summary>
/// Samples of a fixed shape. Variable-length signals are cropped or padded to <see cref="SampleShape"/> by the
/// dataset; a network with global pooling can still run on any length at inference.
/// </summary>
public interface IDataset
{
    int Count { get; }

    /// <summary>Shape of one input without the batch dimension, e.g. [2, 256] or [12, 1000].</summary>
    IReadOnlyList<int> SampleShape { get; }

    /// <summary>Extra per-sample features appended after the trunk (0 for none).</summary>
    int FeatureCount { get; }

    /// <summary>Values per target: 1 for a class index, C for multi-label.</summary>
    int TargetWidth { get; }

    void Fill(int index, SampleSlot slot);
}
