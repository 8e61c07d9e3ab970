using Einthoven.Learning.Layers;
using Einthoven.Learning.Tensors;

namespace Einthoven.Learning.Tests;

/// <summary>
/// Central finite differences of L = Σ r ⊙ f(x) (r a fixed random projection, summed in double) against the
/// analytic gradients from Backward, for the input and for a sample of every parameter's entries.
/// Where a ReLU kink lies within ±epsilon the central difference is meaningless; such an entry shows as one-sided
/// differences that disagree, and then it must match the one-sided difference on the smooth side instead.
/// </summary>
internal static class GradientChecker
{
    public static void Check(Layer layer, Tensor x, PassContext context, float epsilon = 1e-2f,
        double relative = 1e-2, double absolute = 1e-3, int samplesPerTensor = 24, ulong seed = 1)
    {
        var rng = new SplitMix64(seed);
        var output = layer.Forward(x, context);
        var projection = RandomTensor(output.Shape, ref rng, 1f);
        foreach (var p in LayerTree.Parameters(layer)) p.Parameter.Grad.Clear();
        var inputGradient = layer.Backward(projection).Clone();
        var parameters = LayerTree.Parameters(layer).Select(p => (p.Path, p.Parameter, Analytic: p.Parameter.Grad.Clone())).ToList();

        double Loss()
        {
            var y = layer.Forward(x, context);
            double sum = 0;
            for (var i = 0; i < y.Length; i++) sum += (double)y.Data[i] * projection.Data[i];
            return sum;
        }

        CompareEntries("input", x.Data, inputGradient.Data, Loss, epsilon, relative, absolute, samplesPerTensor, ref rng);
        foreach (var (path, parameter, analytic) in parameters)
            CompareEntries(path, parameter.Value.Data, analytic.Data, Loss, epsilon, relative, absolute, samplesPerTensor, ref rng);
    }

    public static void CompareEntries(string what, float[] values, float[] analytic, Func<double> loss, float epsilon,
        double relative, double absolute, int samples, ref SplitMix64 rng)
    {
        var indices = Enumerable.Range(0, Math.Min(samples, values.Length)).ToArray();
        if (values.Length > samples)
            for (var j = 0; j < samples; j++) indices[j] = rng.NextInt(values.Length);
        foreach (var i in indices)
        {
            var saved = values[i];
            values[i] = saved + epsilon;
            var plus = loss();
            values[i] = saved - epsilon;
            var minus = loss();
            values[i] = saved;
            var centre = loss();
            var numeric = (plus - minus) / (2 * epsilon);
            double forward = (plus - centre) / epsilon, backward = (centre - minus) / epsilon;
            bool Close(double n) => Math.Abs(n - analytic[i]) <= absolute + relative * Math.Max(Math.Abs(n), Math.Abs(analytic[i]));
            var kink = Math.Abs(forward - backward) > 3 * (absolute + relative * Math.Abs(numeric));
            Assert.True(Close(numeric) || (kink && (Close(forward) || Close(backward))),
                $"{what}[{i}]: analytic {analytic[i]:G6}, numeric {numeric:G6} (forward {forward:G6}, backward {backward:G6})");
        }
    }

    public static Tensor RandomTensor(int[] shape, ref SplitMix64 rng, float scale)
    {
        var t = new Tensor(shape);
        for (var i = 0; i < t.Length; i++) t.Data[i] = (float)rng.NextGaussian() * scale;
        return t;
    }

    public static Tensor RandomTensor(ulong seed, params int[] shape)
    {
        var rng = new SplitMix64(seed);
        return RandomTensor(shape, ref rng, 1f);
    }

    /// <summary>Values in ±[margin, 1 + margin], away from the kink of ReLU-like functions.</summary>
    public static Tensor AwayFromZero(ulong seed, float margin, params int[] shape)
    {
        var rng = new SplitMix64(seed);
        var t = new Tensor(shape);
        for (var i = 0; i < t.Length; i++)
            t.Data[i] = (rng.NextFloat() + margin) * (rng.NextFloat() < 0.5f ? -1f : 1f);
        return t;
    }
}
