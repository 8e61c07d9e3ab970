namespace Einthoven.Learning.Training;

/// <summary>An in-memory dataset over flat arrays: inputs [Count, ...SampleShape], features [Count, F], targets [Count, T].</summary>
public sealed class ArrayDataset : IDataset
{
    private readonly float[] inputs, targets;
    private readonly float[]? features;
    private readonly int inputSize;
    private readonly int[] sampleShape;

    public ArrayDataset(float[] inputs, int[] sampleShape, float[] targets, int targetWidth, float[]? features = null, int featureCount = 0)
    {
        inputSize = sampleShape.Aggregate(1, (a, b) => checked(a * b));
        if (inputSize <= 0) throw new ArgumentException("sample shape must be positive", nameof(sampleShape));
        if (inputs.Length % inputSize != 0) throw new ArgumentException($"{inputs.Length} input values are not a whole number of samples of {inputSize}", nameof(inputs));
        Count = inputs.Length / inputSize;
        if (targetWidth <= 0 || targets.Length != Count * targetWidth)
            throw new ArgumentException($"expected {Count} x {targetWidth} target values, got {targets.Length}", nameof(targets));
        if (featureCount < 0 || (features?.Length ?? 0) != Count * featureCount)
            throw new ArgumentException($"expected {Count} x {featureCount} feature values, got {features?.Length ?? 0}", nameof(features));
        (this.inputs, this.targets, this.features, this.sampleShape) = (inputs, targets, features, (int[])sampleShape.Clone());
        TargetWidth = targetWidth;
        FeatureCount = featureCount;
    }

    /// <summary>A single-label dataset: one class index per sample.</summary>
    public static ArrayDataset ForClasses(float[] inputs, int[] sampleShape, IReadOnlyList<int> labels, float[]? features = null, int featureCount = 0) =>
        new(inputs, sampleShape, labels.Select(l => (float)l).ToArray(), 1, features, featureCount);

    public int Count { get; }
    public IReadOnlyList<int> SampleShape => sampleShape;
    public int FeatureCount { get; }
    public int TargetWidth { get; }

    public void Fill(int index, SampleSlot slot)
    {
        inputs.AsSpan(index * inputSize, inputSize).CopyTo(slot.Input);
        targets.AsSpan(index * TargetWidth, TargetWidth).CopyTo(slot.Target);
        if (features is not null) features.AsSpan(index * FeatureCount, FeatureCount).CopyTo(slot.Features);
    }
}

/// <summary>A view of some samples of another dataset (e.g. a train/validation split).</summary>
public sealed class DatasetSubset(IDataset source, IReadOnlyList<int> indices) : IDataset
{
    public int Count => indices.Count;
    public IReadOnlyList<int> SampleShape => source.SampleShape;
    public int FeatureCount => source.FeatureCount;
    public int TargetWidth => source.TargetWidth;
    public IReadOnlyList<int> Indices => indices;

    public void Fill(int index, SampleSlot slot) => source.Fill(indices[index], slot);
}
