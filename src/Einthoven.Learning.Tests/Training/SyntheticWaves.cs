using Einthoven.Learning.Tensors;
using Einthoven.Learning.Training;

namespace Einthoven.Learning.Tests.Training;

/// <summary>
/// Two classes of noisy one-lead "beats": a narrow spike vs a wide hump at a random position, plus a feature that
/// carries a weak hint, so a trained model is needed to separate them.
/// </summary>
internal static class SyntheticWaves
{
    public const int Length = 64;

    public static ArrayDataset Create(int count, ulong seed, bool withFeature = false)
    {
        var rng = new SplitMix64(seed);
        var inputs = new float[count * Length];
        var labels = new int[count];
        var features = withFeature ? new float[count] : null;
        for (var i = 0; i < count; i++)
        {
            var label = i % 2;
            labels[i] = label;
            var centre = 16 + rng.NextInt(32);
            var width = label == 0 ? 2.0 : 7.0;
            for (var t = 0; t < Length; t++)
            {
                var d = (t - centre) / width;
                inputs[i * Length + t] = (float)(Math.Exp(-d * d) + 0.25 * rng.NextGaussian());
            }
            if (features is not null) features[i] = (float)(label - 0.5 + rng.NextGaussian());
        }
        return ArrayDataset.ForClasses(inputs, [1, Length], labels, features, withFeature ? 1 : 0);
    }
}
