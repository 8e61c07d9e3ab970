using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Einthoven.Signal.Formats.Wfdb;

/// <summary>
/// Moves one signal's samples out of decoded, interleaved frames into its own array: deskewed, with the format's
/// invalid marker turned into <see cref="WfdbDefaults.InvalidSample"/> and several samples per frame averaged.
/// </summary>
internal static class WfdbFrameScatter
{
    /// <summary>
    /// Copies the signal's samples of <paramref name="frames"/> (frames <c>first..first+n</c> of the file) that fall in
    /// the output window <c>[start, start + count)</c>, where output sample t is stored in frame <c>start + t + skew</c>.
    /// Returns the sum of the raw values copied when the signal has one sample per frame (the checksum's terms).
    /// </summary>
    public static int Scatter(in SignalLayout signal, ReadOnlySpan<int> frames, long first, int n, int frameSize,
        long start, int count, int[] dst, int offset)
    {
        var tFrom = Math.Max(0, first - start - signal.Skew);
        var tTo = Math.Min(count, first + n - start - signal.Skew);
        if (tFrom >= tTo) return 0;
        var frame = (int)(start + tFrom + signal.Skew - first);
        var index = frame * frameSize + signal.Slot;
        var output = dst.AsSpan(offset + (int)tFrom, (int)(tTo - tFrom));
        if (signal.SamplesPerFrame == 1)
        {
            CopyStrided(frames[index..], frameSize, output);
            return MarkInvalid(output, signal.InvalidRaw);
        }
        for (var o = 0; o < output.Length; o++, index += frameSize)
            output[o] = Average(frames.Slice(index, signal.SamplesPerFrame), signal.InvalidRaw);
        return 0;
    }

    /// <summary>Sum of the raw values of the signal in frames <c>first..first+n</c> that lie before <paramref name="length"/>.</summary>
    public static int Sum(in SignalLayout signal, ReadOnlySpan<int> frames, long first, int n, int frameSize, long length)
    {
        var upTo = (int)Math.Min(n, length - first);
        var sum = 0;
        for (var f = 0; f < upTo; f++)
        {
            var index = f * frameSize + signal.Slot;
            for (var k = 0; k < signal.SamplesPerFrame; k++) sum = unchecked(sum + frames[index + k]);
        }
        return sum;
    }

    /// <summary>Copies every <paramref name="stride"/>-th value of <paramref name="source"/> into <paramref name="output"/>.</summary>
    public static void CopyStrided(ReadOnlySpan<int> source, int stride, Span<int> output)
    {
        if (output.Length == 0) return;
        if ((long)(output.Length - 1) * stride >= source.Length) throw new ArgumentException("frames too short", nameof(source));
        ref var s = ref MemoryMarshal.GetReference(source);
        ref var d = ref MemoryMarshal.GetReference(output);
        for (var i = 0; i < output.Length; i++) Unsafe.Add(ref d, i) = Unsafe.Add(ref s, i * stride);
    }

    /// <summary>
    /// Replaces the format's invalid marker with <see cref="WfdbDefaults.InvalidSample"/> in place and returns the
    /// (wrapping) sum of the raw values, the terms of the header checksum.
    /// </summary>
    public static int MarkInvalid(Span<int> values, int marker)
    {
        ref var d = ref MemoryMarshal.GetReference(values);
        var i = 0;
        var sum = 0;
        var rewrite = marker != WfdbDefaults.InvalidSample;
        if (Vector128.IsHardwareAccelerated && values.Length >= 4)
        {
            var sums = Vector128<int>.Zero;
            var markers = Vector128.Create(marker);
            var invalid = Vector128.Create(WfdbDefaults.InvalidSample);
            for (; i + 4 <= values.Length; i += 4)
            {
                var v = Vector128.LoadUnsafe(ref d, (nuint)i);
                sums += v;
                if (rewrite) Vector128.ConditionalSelect(Vector128.Equals(v, markers), invalid, v).StoreUnsafe(ref d, (nuint)i);
            }
            sum = Vector128.Sum(sums);
        }
        for (; i < values.Length; i++)
        {
            var v = Unsafe.Add(ref d, i);
            sum = unchecked(sum + v);
            if (v == marker) Unsafe.Add(ref d, i) = WfdbDefaults.InvalidSample;
        }
        return sum;
    }

    private static int Average(ReadOnlySpan<int> samples, int marker)
    {
        long sum = 0;
        foreach (var v in samples)
        {
            if (v == marker) return WfdbDefaults.InvalidSample;
            sum += v;
        }
        // C division, as WFDB: truncation toward zero.
        return (int)(sum / samples.Length);
    }
}

/// <summary>Where a signal sits in its file's frames.</summary>
internal readonly record struct SignalLayout(int Group, int Slot, int SamplesPerFrame, int Skew, int InvalidRaw);
