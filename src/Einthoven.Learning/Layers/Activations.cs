using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using System.Numerics;
using Einthoven.Learning.Tensors;

namespace Einthoven.Learning.Layers;

/// <summary>Base for element-wise activations of any shape.</summary>
public abstract class Activation : Layer
{
    private Tensor? input, output, inputGradient;

    public override Tensor Forward(Tensor x, PassContext context)
    {
        input = x;
        var y = Tensor.Reuse(ref output, x.Shape);
        Apply(x.Span, y.Span);
        return y;
    }

    public override Tensor Backward(Tensor dy)
    {
        var x = input ?? throw new InvalidOperationException($"{this}.Backward called before Forward");
        var dx = Tensor.Reuse(ref inputGradient, x.Shape);
        Differentiate(x.Span, dy.Span, dx.Span);
        return dx;
    }

    protected abstract void Apply(ReadOnlySpan<float> x, Span<float> y);

    /// <summary>dx = f'(x) * dy.</summary>
    protected abstract void Differentiate(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx);
}

public sealed class Relu : Activation
{
    public override Layer Replicate() => new Relu();
    public override string ToString() => "ReLU";

    protected override void Apply(ReadOnlySpan<float> x, Span<float> y) => TensorPrimitives.Max(x, 0f, y);

    protected override void Differentiate(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx)
    {
        var i = 0;
        for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var positive = Vector.GreaterThan(new Vector<float>(x[i..]), Vector<float>.Zero);
            Vector.ConditionalSelect(positive, new Vector<float>(dy[i..]), Vector<float>.Zero).CopyTo(dx[i..]);
        }
        for (; i < x.Length; i++) dx[i] = x[i] > 0f ? dy[i] : 0f;
    }
}

/// <summary>GELU with the tanh approximation 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))).</summary>
public sealed class Gelu : Activation
{
    private const float C = 0.7978845608f; // sqrt(2 / pi)
    private const float A = 0.044715f;

    public override Layer Replicate() => new Gelu();
    public override string ToString() => "GELU";

    protected override void Apply(ReadOnlySpan<float> x, Span<float> y)
    {
        Tanh(x, y);
        TensorPrimitives.Add(y, 1f, y);
        TensorPrimitives.Multiply(y, x, y);
        TensorPrimitives.Multiply(y, 0.5f, y);
    }

    protected override void Differentiate(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx)
    {
        Tanh(x, dx);
        for (var i = 0; i < x.Length; i++)
        {
            float v = x[i], t = dx[i];
            dx[i] = (0.5f * (1f + t) + 0.5f * v * (1f - t * t) * C * (1f + 3f * A * v * v)) * dy[i];
        }
    }

    /// <summary>t = tanh(C (x + A x^3)), vectorised.</summary>
    private static void Tanh(ReadOnlySpan<float> x, Span<float> t)
    {
        TensorPrimitives.Multiply(x, x, t);
        TensorPrimitives.Multiply(t, A, t);
        TensorPrimitives.Add(t, 1f, t);
        TensorPrimitives.Multiply(t, x, t);
        TensorPrimitives.Multiply(t, C, t);
        TensorPrimitives.Tanh(t, t);
    }
}
