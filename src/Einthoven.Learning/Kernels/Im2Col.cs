using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
        foreach (var (row, sample, offset, first, end) in Rows(samples, channels, length, outLength))
        {
            var dst = columns.Slice(row * samples * outLength + sample * outLength, outLength);
            var src = input.Slice(offset, length);
            dst[..first].Clear();
            dst[end..].Clear();
            var shift = (row % Kernel) * Dilation - Padding;
            if (Stride == 1) src.Slice(first + shift, end - first).CopyTo(dst[first..end]);
            else
            {
                ref var from = ref MemoryMarshal.GetReference(src[(first * Stride + shift)..]);
                for (var t = first; t < end; t++) dst[t] = Unsafe.Add(ref from, (t - first) * Stride);
            }
        }
    }

    /// <summary>Adds the column-matrix gradient back onto the input gradient (the adjoint of <see cref="Im2Col"/>).</summary>
    public void Col2ImAdd(ReadOnlySpan<float> columns, int samples, int channels, int length, Span<float> inputGradient)
    {
        var outLength = OutputLength(length);
        foreach (var (row, sample, offset, first, end) in Rows(samples, channels, length, outLength))
        {
            var src = columns.Slice(row * samples * outLength + sample * outLength, outLength);
            var dst = inputGradient.Slice(offset, length);
            var shift = (row % Kernel) * Dilation - Padding;
            if (Stride == 1)
            {
                var target = dst.Slice(first + shift, end - first);
                TensorPrimitives.Add(target, src[first..end], target);
            }
            else
                for (var t = first; t < end; t++) dst[t * Stride + shift] += src[t];
        }
    }

    /// <summary>
    /// Every (column-matrix row, sample) pair: the row index c * Kernel + k, the sample, the offset of that sample's
    /// channel c in the signal, and the output range [first, end) whose tap k lies inside the signal.
    /// </summary>
    private IEnumerable<(int Row, int Sample, int Offset, int First, int End)> Rows(int samples, int channels, int length, int outLength)
    {
        for (var c = 0; c < channels; c++)
            for (var k = 0; k < Kernel; k++)
            {
                var (first, end) = ValidRange(k, length, outLength);
                for (var s = 0; s < samples; s++) yield return (c * Kernel + k, s, (s * channels + c) * length, first, end);
            }
    }
}
