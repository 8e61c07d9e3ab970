namespace Einthoven.Models.Beats;

/// <summary>
/// The network inputs of a run of beats: windows [Count, <see cref="BeatInputLayout.Channels"/>,
/// <see cref="BeatInputLayout.Length"/>] and features [Count, <see cref="BeatInputLayout.FeatureCount"/>], flat.
/// </summary>
public sealed class BeatFeatures
{
    public BeatFeatures(float[] windows, float[] features)
    {
        if (windows.Length % BeatInputLayout.InputSize != 0)
            throw new ArgumentException($"{windows.Length} window values are not whole beats of {BeatInputLayout.InputSize}", nameof(windows));
        Count = windows.Length / BeatInputLayout.InputSize;
        if (features.Length != Count * BeatInputLayout.FeatureCount)
            throw new ArgumentException($"{features.Length} feature values for {Count} beats of {BeatInputLayout.FeatureCount}", nameof(features));
        Windows = windows;
        Features = features;
    }

    public int Count { get; }
    public float[] Windows { get; }
    public float[] Features { get; }

    public ReadOnlySpan<float> Window(int beat) => Windows.AsSpan(beat * BeatInputLayout.InputSize, BeatInputLayout.InputSize);

    public ReadOnlySpan<float> FeatureRow(int beat) => Features.AsSpan(beat * BeatInputLayout.FeatureCount, BeatInputLayout.FeatureCount);

    /// <summary>The beats at <paramref name="indices"/>, in that order.</summary>
    public BeatFeatures Select(IReadOnlyList<int> indices)
    {
        var windows = new float[indices.Count * BeatInputLayout.InputSize];
        var features = new float[indices.Count * BeatInputLayout.FeatureCount];
        for (var k = 0; k < indices.Count; k++)
        {
            Window(indices[k]).CopyTo(windows.AsSpan(k * BeatInputLayout.InputSize));
            FeatureRow(indices[k]).CopyTo(features.AsSpan(k * BeatInputLayout.FeatureCount));
        }
        return new BeatFeatures(windows, features);
    }

    public static BeatFeatures Concat(IReadOnlyList<BeatFeatures> parts) =>
        new(parts.SelectMany(p => p.Windows).ToArray(), parts.SelectMany(p => p.Features).ToArray());
}
