using Einthoven.Learning.Kernels;
using Einthoven.Learning.Tensors;

namespace Einthoven.Learning.Layers;

/// <summary>
/// Shared frame of the windowed poolings over [N, C, L]: geometry, shape checks and the walk over windows.
/// Padded positions are never part of a window. Default stride is the kernel size.
/// </summary>
public abstract class WindowPool1d : Layer
{
    private Tensor? output, inputGradient;
    private int[] inputShape = [];

    protected WindowPool1d(string name, int kernel, int? stride, int padding)
    {
        Require(kernel > 0 && (stride ?? kernel) > 0 && padding >= 0 && padding * 2 <= kernel, name, "invalid kernel, stride or padding");
        Window = new Window(kernel, stride ?? kernel, padding, 1);
    }

    public Window Window { get; }

    public override Tensor Forward(Tensor x, PassContext context)
    {
        Require(x.Rank == 3, ToString(), $"expects [N, C, L], got {x}");
        int rows = x.Dim(0) * x.Dim(1), length = x.Dim(2), outLength = Window.OutputLength(length);
        Require(outLength > 0, ToString(), $"input length {length} is too short");
        var y = Output(x);
        Prepare(y.Length);
        for (var r = 0; r < rows; r++)
            for (var t = 0; t < outLength; t++)
            {
                var (lo, hi) = Bounds(t, length);
                var o = r * outLength + t;
                y.Data[o] = Reduce(x.Data.AsSpan(r * length + lo, hi - lo), o);
            }
        return y;
    }

    public override Tensor Backward(Tensor dy)
    {
        var dx = Tensor.Reuse(ref inputGradient, inputShape);
        dx.Clear();
        int length = inputShape[2], outLength = dy.Dim(2), rows = dy.Length / outLength;
        for (var r = 0; r < rows; r++)
            for (var t = 0; t < outLength; t++)
            {
                var (lo, hi) = Bounds(t, length);
                var o = r * outLength + t;
                Distribute(dy.Data[o], dx.Data.AsSpan(r * length + lo, hi - lo), o);
            }
        return dx;
    }

    /// <summary>Remembers the input's shape for the backward pass and gives the output tensor [N, C, Lout].</summary>
    protected Tensor Output(Tensor x)
    {
        inputShape = x.Shape;
        return Tensor.Reuse(ref output, x.Dim(0), x.Dim(1), Window.OutputLength(x.Dim(2)));
    }

    /// <summary>Called before a forward pass with the number of outputs.</summary>
    protected virtual void Prepare(int outputs) { }

    /// <summary>The pooled value of one window (padding excluded).</summary>
    protected abstract float Reduce(ReadOnlySpan<float> window, int outputIndex);

    /// <summary>Adds the gradient of one output onto its window of the input gradient.</summary>
    protected abstract void Distribute(float gradient, Span<float> window, int outputIndex);

    private (int Lo, int Hi) Bounds(int t, int length)
    {
        var start = t * Window.Stride - Window.Padding;
        return (Math.Max(0, start), Math.Min(length, start + Window.Kernel));
    }
}

public sealed class MaxPool1d(int kernel, int? stride = null, int padding = 0) : WindowPool1d("MaxPool1d", kernel, stride, padding)
{
    private int[] argmax = [];
    private bool trainedPass;

    public override Layer Replicate() => new MaxPool1d(Window.Kernel, Window.Stride, Window.Padding);
    public override string ToString() => $"MaxPool1d(k={Window.Kernel}, s={Window.Stride}, p={Window.Padding})";

    protected override void Prepare(int outputs)
    {
        if (argmax.Length != outputs) argmax = new int[outputs];
    }

    public override Tensor Forward(Tensor x, PassContext context)
    {
        trainedPass = context.Training;
        if (context.Training || Window.Padding != 0 || x.Rank != 3) return base.Forward(x, context);
        // Inference without padding: every window is whole and no argmax is kept for a backward pass, so a direct
        // loop several times faster than the shared walk.
        Require(Window.OutputLength(x.Dim(2)) > 0, ToString(), $"input length {x.Dim(2)} is too short");
        var y = Output(x);
        int rows = x.Dim(0) * x.Dim(1), length = x.Dim(2), outLength = y.Dim(2), kernel = Window.Kernel, stride = Window.Stride;
        ReadOnlySpan<float> input = x.Data;
        Span<float> output = y.Data;
        for (var r = 0; r < rows; r++)
        {
            var source = input.Slice(r * length, length);
            var target = output.Slice(r * outLength, outLength);
            for (var t = 0; t < target.Length; t++)
            {
                var window = source.Slice(t * stride, kernel);
                var value = window[0];
                for (var i = 1; i < window.Length; i++) value = MathF.Max(value, window[i]);
                target[t] = value;
            }
        }
        return y;
    }

    public override Tensor Backward(Tensor dy)
    {
        Require(trainedPass, ToString(), "Backward needs a training forward pass (inference keeps no argmax)");
        return base.Backward(dy);
    }

    protected override float Reduce(ReadOnlySpan<float> window, int outputIndex)
    {
        var best = 0;
        for (var i = 1; i < window.Length; i++) if (window[i] > window[best]) best = i;
        argmax[outputIndex] = best;
        return window[best];
    }

    protected override void Distribute(float gradient, Span<float> window, int outputIndex) => window[argmax[outputIndex]] += gradient;
}

/// <summary>[N, C, L] -> [N, C], the mean over time; any length L, which is what variable-length records need.</summary>
public sealed class GlobalAvgPool1d : Layer
{
    private Tensor? output, inputGradient;
    private int[] inputShape = [];

    public override Layer Replicate() => new GlobalAvgPool1d();
    public override string ToString() => "GlobalAvgPool1d";

    public override Tensor Forward(Tensor x, PassContext context)
    {
        Require(x.Rank == 3 && x.Dim(2) > 0, ToString(), $"expects [N, C, L], got {x}");
        inputShape = x.Shape;
        int rows = x.Dim(0) * x.Dim(1), length = x.Dim(2);
        var y = Tensor.Reuse(ref output, x.Dim(0), x.Dim(1));
        for (var r = 0; r < rows; r++)
            y.Data[r] = System.Numerics.Tensors.TensorPrimitives.Sum(x.Data.AsSpan(r * length, length)) / length;
        return y;
    }

    public override Tensor Backward(Tensor dy)
    {
        var dx = Tensor.Reuse(ref inputGradient, inputShape);
        var length = inputShape[2];
        for (var r = 0; r < dy.Length; r++) dx.Data.AsSpan(r * length, length).Fill(dy.Data[r] / length);
        return dx;
    }
}
