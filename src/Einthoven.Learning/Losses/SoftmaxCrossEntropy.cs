using Einthoven.Learning.Tensors;

namespace Einthoven.Learning.Losses;

/// <summary>
/// Softmax cross-entropy for single-label classification. Targets are [N, 1] class indices; a sample of class y
/// contributes classWeights[y] * -log softmax(logits)[y] (weights default to 1).
/// </summary>
public sealed class SoftmaxCrossEntropy(float[]? classWeights = null) : ILoss
{
    public IReadOnlyList<float>? ClassWeights { get; } = classWeights;

    public int TargetWidth(int outputs) => 1;

    public double Evaluate(Tensor logits, Tensor targets, Tensor? gradient = null, float scale = 1f)
    {
        LossShapes.Check(logits, targets, gradient, 1);
        int n = logits.Dim(0), classes = logits.Dim(1);
        if (ClassWeights is not null && ClassWeights.Count != classes)
            throw new ArgumentException($"{ClassWeights.Count} class weights for {classes} classes");
        Span<float> p = classes <= 256 ? stackalloc float[classes] : new float[classes];
        double total = 0;
        for (var s = 0; s < n; s++)
        {
            var label = targets.Data[s];
            var y = (int)label;
            if (y != label || y < 0 || y >= classes)
                throw new ArgumentException($"target of sample {s} is {label}, not a class index in [0, {classes})");
            var weight = ClassWeights?[y] ?? 1f;
            Softmax(logits.Sample(s), p);
            total += weight * -Math.Log(Math.Max(p[y], 1e-30f));
            if (gradient is null) continue;
            var g = gradient.Sample(s);
            for (var c = 0; c < classes; c++) g[c] = scale * weight * (p[c] - (c == y ? 1f : 0f));
        }
        return total;
    }

    /// <summary>
    /// Inverse-frequency weights count / (classes * count_c), so every class carries the same total weight;
    /// a class absent from <paramref name="labels"/> gets weight 0.
    /// </summary>
    public static float[] BalancedWeights(IReadOnlyList<int> labels, int classes)
    {
        var counts = new int[classes];
        foreach (var label in labels)
        {
            if ((uint)label >= (uint)classes) throw new ArgumentException($"label {label} is not a class index in [0, {classes})");
            counts[label]++;
        }
        return counts.Select(c => c == 0 ? 0f : (float)labels.Count / (classes * c)).ToArray();
    }

    /// <summary>Numerically stable softmax of one row of logits.</summary>
    public static void Softmax(ReadOnlySpan<float> logits, Span<float> probabilities)
    {
        var max = System.Numerics.Tensors.TensorPrimitives.Max(logits);
        double sum = 0;
        for (var c = 0; c < logits.Length; c++) sum += probabilities[c] = MathF.Exp(logits[c] - max);
        for (var c = 0; c < logits.Length; c++) probabilities[c] = (float)(probabilities[c] / sum);
    }

    /// <summary>Row-wise softmax of [N, C] logits into a new tensor.</summary>
    public static Tensor Probabilities(Tensor logits)
    {
        var result = new Tensor(logits.Shape);
        for (var s = 0; s < logits.Dim(0); s++) Softmax(logits.Sample(s), result.Sample(s));
        return result;
    }
}
