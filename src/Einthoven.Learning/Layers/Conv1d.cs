using Einthoven.Learning.Kernels;
using Einthoven.Learning.Tensors;

namespace Einthoven.Learning.Layers;

/// <summary>
/// 1-D convolution [N, Cin, L] -> [N, Cout, Lout] with stride, zero padding and dilation, computed as im2col +
/// GEMM over groups of samples (a 1x1 stride-1 convolution multiplies the input directly). Weight layout
/// [Cout, Cin, K] as in PyTorch.
/// </summary>
public sealed class Conv1d : Layer
{
    /// <summary>Upper bound on the im2col buffer (floats) when grouping samples into one GEMM.</summary>
    private const int ColumnBudget = 1 << 17;

    private readonly Parameter weight;
    private readonly Parameter? bias;
    // Scratch for im2col and the product before scattering: only used inside one call, so shared per thread.
    [ThreadStatic] private static float[]? columns, groupProduct;

    private Tensor? input, output, inputGradient;
    private int threads = 1;

    public Conv1d(int inChannels, int outChannels, int kernel, int stride = 1, int padding = 0, int dilation = 1, bool bias = true)
    {
        Require(inChannels > 0 && outChannels > 0, "Conv1d", "channel counts must be positive");
        Require(kernel > 0 && stride > 0 && dilation > 0 && padding >= 0, "Conv1d", "kernel, stride and dilation must be positive and padding non-negative");
        InChannels = inChannels;
        OutChannels = outChannels;
        Window = new Window(kernel, stride, padding, dilation);
        weight = new Parameter("weight", [outChannels, inChannels, kernel], Init.HeUniform, inChannels * kernel, decay: true);
        this.bias = bias ? new Parameter("bias", [outChannels], Init.Zeros) : null;
    }

    private Conv1d(Conv1d source)
    {
        InChannels = source.InChannels;
        OutChannels = source.OutChannels;
        Window = source.Window;
        weight = source.weight.ShareValue();
        bias = source.bias?.ShareValue();
    }

    public int InChannels { get; }
    public int OutChannels { get; }
    public Window Window { get; }
    public Parameter Weight => weight;
    public Parameter? Bias => bias;

    public override IReadOnlyList<Parameter> OwnParameters => bias is null ? [weight] : [weight, bias];

    public override Layer Replicate() => new Conv1d(this);

    public override string ToString() =>
        $"Conv1d({InChannels}->{OutChannels}, k={Window.Kernel}, s={Window.Stride}, p={Window.Padding}, d={Window.Dilation}{(bias is null ? ", no bias" : "")})";

    public override Tensor Forward(Tensor x, PassContext context)
    {
        Require(x.Rank == 3 && x.Dim(1) == InChannels, ToString(), $"expects [N, {InChannels}, L], got {x}");
        int n = x.Dim(0), length = x.Dim(2), outLength = Window.OutputLength(length);
        Require(outLength > 0, ToString(), $"input length {length} is too short for the kernel");
        input = x;
        threads = context.Threads;
        var y = Tensor.Reuse(ref output, n, OutChannels, outLength);
        var rows = InChannels * Window.Kernel;
        var perSample = rows * outLength;
        if (Window.IsPointwise)
        {
            for (var s = 0; s < n; s++)
                Gemm.Multiply(false, false, OutChannels, length, InChannels, 1f, weight.Value.Span, InChannels,
                    x.Sample(s), length, 0f, y.Sample(s), length, threads);
        }
        else
        {
            var group = GroupSize(n, perSample);
            for (var s0 = 0; s0 < n; s0 += group)
            {
                var g = Math.Min(group, n - s0);
                var width = g * outLength;
                var cols = Buffer(ref columns, rows * width);
                Window.Im2Col(x.Span.Slice(s0 * InChannels * length, g * InChannels * length), g, InChannels, length, cols);
                // One sample: the product [Cout, Lout] is already the output layout.
                var product = g == 1 ? y.Sample(s0) : Buffer(ref groupProduct, OutChannels * width);
                Gemm.Multiply(false, false, OutChannels, width, rows, 1f, weight.Value.Span, rows, cols, width, 0f, product, width, threads);
                if (g > 1) Scatter(product, y, s0, g, outLength);
            }
        }
        if (bias is not null) AddBias(y, n, outLength);
        return y;
    }

    public override Tensor Backward(Tensor dy)
    {
        var x = input ?? throw new InvalidOperationException("Conv1d.Backward called before Forward");
        int n = x.Dim(0), length = x.Dim(2), outLength = dy.Dim(2);
        var dx = Tensor.Reuse(ref inputGradient, x.Shape);
        var rows = InChannels * Window.Kernel;
        if (bias is not null) AccumulateBiasGradient(dy, n, outLength);
        if (Window.IsPointwise)
        {
            for (var s = 0; s < n; s++)
            {
                Gemm.Multiply(false, true, OutChannels, InChannels, length, 1f, dy.Sample(s), length, x.Sample(s), length,
                    1f, weight.Grad.Span, InChannels, threads);
                Gemm.Multiply(true, false, InChannels, length, OutChannels, 1f, weight.Value.Span, InChannels, dy.Sample(s), length,
                    0f, dx.Sample(s), length, threads);
            }
            return dx;
        }
        dx.Clear();
        var group = GroupSize(n, rows * outLength);
        for (var s0 = 0; s0 < n; s0 += group)
        {
            var g = Math.Min(group, n - s0);
            var width = g * outLength;
            var cols = Buffer(ref columns, rows * width);
            var inputSlice = x.Span.Slice(s0 * InChannels * length, g * InChannels * length);
            Window.Im2Col(inputSlice, g, InChannels, length, cols);
            Span<float> gradient = g == 1 ? dy.Sample(s0) : Gather(dy, s0, g, outLength);
            Gemm.Multiply(false, true, OutChannels, rows, width, 1f, gradient, width, cols, width, 1f, weight.Grad.Span, rows, threads);
            // The column buffer is no longer needed: reuse it for the column gradient.
            Gemm.Multiply(true, false, rows, width, OutChannels, 1f, weight.Value.Span, rows, gradient, width, 0f, cols, width, threads);
            Window.Col2ImAdd(cols, g, InChannels, length, dx.Span.Slice(s0 * InChannels * length, g * InChannels * length));
        }
        return dx;
    }

    private static int GroupSize(int n, int perSample) => Math.Clamp(ColumnBudget / Math.Max(1, perSample), 1, Math.Max(1, n));

    private static Span<float> Buffer(ref float[]? buffer, int length)
    {
        if (buffer is null || buffer.Length < length) buffer = GC.AllocateUninitializedArray<float>(length);
        return buffer.AsSpan(0, length);
    }

    /// <summary>[Cout, g * Lout] -> y[s0 .. s0+g, Cout, Lout].</summary>
    private void Scatter(ReadOnlySpan<float> product, Tensor y, int s0, int g, int outLength)
    {
        var width = g * outLength;
        for (var s = 0; s < g; s++)
        {
            var dst = y.Sample(s0 + s);
            for (var c = 0; c < OutChannels; c++)
                product.Slice(c * width + s * outLength, outLength).CopyTo(dst.Slice(c * outLength, outLength));
        }
    }

    /// <summary>dy[s0 .. s0+g, Cout, Lout] -> [Cout, g * Lout] in the product buffer.</summary>
    private Span<float> Gather(Tensor dy, int s0, int g, int outLength)
    {
        var width = g * outLength;
        var gathered = Buffer(ref groupProduct, OutChannels * width);
        for (var s = 0; s < g; s++)
        {
            var src = dy.Sample(s0 + s);
            for (var c = 0; c < OutChannels; c++)
                src.Slice(c * outLength, outLength).CopyTo(gathered.Slice(c * width + s * outLength, outLength));
        }
        return gathered;
    }

    private void AddBias(Tensor y, int n, int outLength)
    {
        var b = bias!.Value.Span;
        for (var s = 0; s < n; s++)
        {
            var sample = y.Sample(s);
            for (var c = 0; c < OutChannels; c++)
                System.Numerics.Tensors.TensorPrimitives.Add(sample.Slice(c * outLength, outLength), b[c], sample.Slice(c * outLength, outLength));
        }
    }

    private void AccumulateBiasGradient(Tensor dy, int n, int outLength)
    {
        var db = bias!.Grad.Span;
        for (var s = 0; s < n; s++)
        {
            var sample = dy.Sample(s);
            for (var c = 0; c < OutChannels; c++)
                db[c] += System.Numerics.Tensors.TensorPrimitives.Sum(sample.Slice(c * outLength, outLength));
        }
    }
}
