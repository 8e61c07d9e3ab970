using Einthoven.Learning.Kernels;
using Einthoven.Learning.Tensors;

namespace Einthoven.Learning.Layers;

/// <summary>Max over windows of [N, C, L]; padded positions never win. Default stride is the kernel size.</summary>
public sealed class MaxPool1d : Layer
{
    private Tensor? output, inputGradient;
    private int[] argmax = [];
    private int[] inputShape = [];

    public MaxPool1d(int kernel, int? stride = null, int padding = 0)
    {
        Require(kernel > 0 && (stride ?? kernel) > 0 && padding >= 0 && padding * 2 < kernel + 1, "MaxPool1d", "invalid kernel, stride or padding");
        Window = new Window(kernel, stride ?? kernel, padding, 1);
    }

    public Window Window { get; }
    public override Layer Replicate() => new MaxPool1d(Window.Kernel, Window.Stride, Window.Padding);
    public override string ToString() => $"MaxPool1d(k={Window.Kernel}, s={Window.Stride}, p={Window.Padding})";

    public override Tensor Forward(Tensor x, PassContext context)
    {
        Require(x.Rank == 3, ToString(), $"expects [N, C, L], got {x}");
        int rows = x.Dim(0) * x.Dim(1), length = x.Dim(2), outLength = Window.OutputLength(length);
        Require(outLength > 0, ToString(), $"input length {length} is too short");
        inputShape = x.Shape;
        var y = Tensor.Reuse(ref output, x.Dim(0), x.Dim(1), outLength);
        if (argmax.Length != y.Length) argmax = new int[y.Length];
        for (var r = 0; r < rows; r++)
        {
            var src = x.Data.AsSpan(r * length, length);
            for (var t = 0; t < outLength; t++)
            {
                var start = t * Window.Stride - Window.Padding;
                int lo = Math.Max(0, start), hi = Math.Min(length, start + Window.Kernel);
                var best = lo;
                for (var i = lo + 1; i < hi; i++) if (src[i] > src[best]) best = i;
                y.Data[r * outLength + t] = src[best];
                argmax[r * outLength + t] = r * length + best;
            }
        }
        return y;
    }

    public override Tensor Backward(Tensor dy)
    {
        var dx = Tensor.Reuse(ref inputGradient, inputShape);
        dx.Clear();
        for (var i = 0; i < dy.Length; i++) dx.Data[argmax[i]] += dy.Data[i];
        return dx;
    }
}

/// <summary>Mean over windows of [N, C, L]; padded positions are not counted. Default stride is the kernel size.</summary>
public sealed class AvgPool1d : Layer
{
    private Tensor? output, inputGradient;
    private int[] inputShape = [];

    public AvgPool1d(int kernel, int? stride = null, int padding = 0)
    {
        Require(kernel > 0 && (stride ?? kernel) > 0 && padding >= 0 && padding * 2 < kernel + 1, "AvgPool1d", "invalid kernel, stride or padding");
        Window = new Window(kernel, stride ?? kernel, padding, 1);
    }

    public Window Window { get; }
    public override Layer Replicate() => new AvgPool1d(Window.Kernel, Window.Stride, Window.Padding);
    public override string ToString() => $"AvgPool1d(k={Window.Kernel}, s={Window.Stride}, p={Window.Padding})";

    public override Tensor Forward(Tensor x, PassContext context)
    {
        Require(x.Rank == 3, ToString(), $"expects [N, C, L], got {x}");
        int rows = x.Dim(0) * x.Dim(1), length = x.Dim(2), outLength = Window.OutputLength(length);
        Require(outLength > 0, ToString(), $"input length {length} is too short");
        inputShape = x.Shape;
        var y = Tensor.Reuse(ref output, x.Dim(0), x.Dim(1), outLength);
        for (var r = 0; r < rows; r++)
        {
            var src = x.Data.AsSpan(r * length, length);
            for (var t = 0; t < outLength; t++)
            {
                var (lo, hi) = Bounds(t, length);
                var sum = 0f;
                for (var i = lo; i < hi; i++) sum += src[i];
                y.Data[r * outLength + t] = sum / (hi - lo);
            }
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
                var share = dy.Data[r * outLength + t] / (hi - lo);
                for (var i = lo; i < hi; i++) dx.Data[r * length + i] += share;
            }
        return dx;
    }

    private (int Lo, int Hi) Bounds(int t, int length)
    {
        var start = t * Window.Stride - Window.Padding;
        return (Math.Max(0, start), Math.Min(length, start + Window.Kernel));
    }
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
