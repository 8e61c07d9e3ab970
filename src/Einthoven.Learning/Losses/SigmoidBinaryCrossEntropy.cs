using Einthoven.Learning.Tensors;

namespace Einthoven.Learning.Losses;

/// <summary>
/// Sigmoid binary cross-entropy for multi-label outputs. Targets are [N, C] in [0, 1]; the per-sample loss is the
/// mean over classes of -(w_c y log σ(x) + (1 - y) log(1 - σ(x))), where w_c is the positive weight of class c
/// (default 1), as in PyTorch's BCEWithLogitsLoss(pos_weight).
/// </summary>
public sealed class SigmoidBinaryCrossEntropy(float[]? positiveWeights = null) : ILoss
{
    public IReadOnlyList<float>? PositiveWeights { get; } = positiveWeights;

    public int TargetWidth(int outputs) => outputs;

    public double Evaluate(Tensor logits, Tensor targets, Tensor? gradient = null, float scale = 1f)
    {
        int n = logits.Dim(0), classes = logits.Dim(1);
        LossShapes.Check(logits, targets, gradient, classes);
        if (PositiveWeights is not null && PositiveWeights.Count != classes)
            throw new ArgumentException($"{PositiveWeights.Count} positive weights for {classes} classes");
        double total = 0;
        for (var i = 0; i < logits.Length; i++)
        {
            var c = i % classes;
            float x = logits.Data[i], y = targets.Data[i], w = PositiveWeights?[c] ?? 1f;
            if (!(y >= 0f && y <= 1f)) throw new ArgumentException($"target {y} of sample {i / classes}, class {c} is outside [0, 1]");
            // log(1 + e^-|x|) + max(-x, 0) = -log σ(x), computed without overflow.
            var softplusNeg = Math.Log(1 + Math.Exp(-Math.Abs(x))) + Math.Max(-x, 0);
            total += ((1 - y) * x + (1 + (w - 1) * y) * softplusNeg) / classes;
            if (gradient is null) continue;
            var sigma = Sigmoid(x);
            gradient.Data[i] = scale * (sigma * (1 - y + w * y) - w * y) / classes;
        }
        return total;
    }

    public static float Sigmoid(float x) => x >= 0 ? 1f / (1f + MathF.Exp(-x)) : MathF.Exp(x) / (1f + MathF.Exp(x));

    /// <summary>Element-wise sigmoid of [N, C] logits into a new tensor.</summary>
    public static Tensor Probabilities(Tensor logits)
    {
        var result = new Tensor(logits.Shape);
        for (var i = 0; i < logits.Length; i++) result.Data[i] = Sigmoid(logits.Data[i]);
        return result;
    }
}
