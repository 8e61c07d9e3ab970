using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Einthoven.Learning.Kernels;

/// <summary>
/// The geometry of a 1-D convolution or pooling window and the im2col / col2im transforms for it.
/// Column matrix layout: row (c * Kernel + k), column (sample * OutputLength + t) holds
/// input[sample, c, t * Stride - Padding + k * Dilation], or 0 outside the signal.
/// </summary>
public readonly record struct Window(int Kernel, int Stride, int Padding, int Dilation)
{
    public int OutputLength(int inputLength) => (inputLength + 2 * Padding - Dilation * (Kernel - 1) - 1) / Stride + 1;

    /// <summary>Whether the window maps inputs to outputs one to one (1x1, stride 1, no padding).</summary>
    public bool IsPointwise => Kernel == 1 && Stride == 1 && Padding == 0;

    /// <summary>The output positions t in [first, end) whose tap k falls inside a signal of <paramref name="length"/>.</summary>
    public (int First, int End) ValidRange(int k, int length, int outputLength)
    {
        var offset = k * Dilation - Padding;
        var first = offset >= 0 ? 0 : (-offset + Stride - 1) / Stride;
        var end = length - offset <= 0 ? 0 : Math.Min(outputLength, (length - offset + Stride - 1) / Stride);
        return (first, Math.Max(first, end));
    }

    /// <summary>Writes the column matrix of <paramref name="samples"/> consecutive [channels, length] inputs.</summary>
    public void Im2Col(ReadOnlySpan<float> input, int samples, int channels, int length, Span<float> columns)
    {
        var outLength = OutputLength(length);
        var width = samples * outLength;
        for (var c = 0; c < channels; c++)
            for (var k = 0; k < Kernel; k++)
            {
                var row = columns.Slice((c * Kernel + k) * width, width);
                var (first, end) = ValidRange(k, length, outLength);
                var offset = k * Dilation - Padding;
                for (var s = 0; s < samples; s++)
                {
                    var dst = row.Slice(s * outLength, outLength);
                    var src = input.Slice((s * channels + c) * length, length);
                    dst[..first].Clear();
                    dst[end..].Clear();
                    if (Stride == 1) src.Slice(first + offset, end - first).CopyTo(dst[first..end]);
                    else
                        for (var t = first; t < end; t++) dst[t] = src[t * Stride + offset];
                }
            }
    }

    /// <summary>Adds the column-matrix gradient back onto the input gradient (the adjoint of <see cref="Im2Col"/>).</summary>
    public void Col2ImAdd(ReadOnlySpan<float> columns, int samples, int channels, int length, Span<float> inputGradient)
    {
        var outLength = OutputLength(length);
        var width = samples * outLength;
        for (var c = 0; c < channels; c++)
            for (var k = 0; k < Kernel; k++)
            {
                var row = columns.Slice((c * Kernel + k) * width, width);
                var (first, end) = ValidRange(k, length, outLength);
                var offset = k * Dilation - Padding;
                for (var s = 0; s < samples; s++)
                {
                    var src = row.Slice(s * outLength, outLength);
                    var dst = inputGradient.Slice((s * channels + c) * length, length);
                    if (Stride == 1)
                    {
                        var target = dst.Slice(first + offset, end - first);
                        TensorPrimitives.Add(target, src[first..end], target);
                    }
                    else
                        for (var t = first; t < end; t++) dst[t * Stride + offset] += src[t];
                }
            }
    }
}
