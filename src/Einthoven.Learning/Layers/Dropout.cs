using Einthoven.Learning.Tensors;

namespace Einthoven.Learning.Layers;

/// <summary>
/// Inverted dropout: in training each value is zeroed with probability <see cref="Rate"/> and the rest scaled by
/// 1 / (1 - rate); inference passes values through. The mask is drawn from the pass seed mixed with the layer's
/// salt (derived from its path), so the same seed always gives the same mask.
/// </summary>
public sealed class Dropout : Layer
{
    private Tensor? output, inputGradient;
    private float[] mask = [];
    private bool active;

    public Dropout(float rate)
    {
        Require(rate is >= 0f and < 1f, "Dropout", "rate must be in [0, 1)");
        Rate = rate;
    }

    public float Rate { get; }
    internal ulong Salt { get; set; }

    public override Layer Replicate() => new Dropout(Rate) { Salt = Salt };
    public override string ToString() => $"Dropout({Rate})";

    public override Tensor Forward(Tensor x, PassContext context)
    {
        active = context.Training && Rate > 0f;
        if (!active) return x;
        var y = Tensor.Reuse(ref output, x.Shape);
        if (mask.Length != x.Length) mask = new float[x.Length];
        var rng = new SplitMix64(SplitMix64.Mix(context.Seed, Salt));
        var scale = 1f / (1f - Rate);
        for (var i = 0; i < mask.Length; i++)
        {
            mask[i] = rng.NextFloat() < Rate ? 0f : scale;
            y.Data[i] = x.Data[i] * mask[i];
        }
        return y;
    }

    public override Tensor Backward(Tensor dy)
    {
        if (!active) return dy;
        var dx = Tensor.Reuse(ref inputGradient, dy.Shape);
        System.Numerics.Tensors.TensorPrimitives.Multiply(dy.Span, mask, dx.Span);
        return dx;
    }
}
