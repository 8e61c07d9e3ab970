using System.Buffers;
using Microsoft.Win32.SafeHandles;
using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Wfdb;

/// <summary>
/// One signal file (a WFDB "signal group"): the signals stored interleaved in it, frame by frame. Decodes any range
/// of frames straight from the file bytes into raw sample values, seeking to the first byte group needed.
/// </summary>
internal sealed class WfdbSignalFile : IDisposable
{
    private readonly SafeFileHandle? _handle;
    private readonly WfdbStorageFormat _format;
    private readonly long _byteOffset;
    private readonly int[] _slotSignal;
    private readonly int[] _initialValues;
    // Format 8 only: the running value of each signal and the frame it has been decoded up to.
    private readonly int[] _accumulators;
    private long _nextDifferenceFrame;

    public WfdbSignalFile(string path, WfdbStorageFormat format, long byteOffset, int[] samplesPerFrame, int[] initialValues)
    {
        Path = path;
        _format = format;
        _byteOffset = byteOffset;
        _initialValues = initialValues;
        _accumulators = (int[])initialValues.Clone();
        _slotSignal = new int[samplesPerFrame.Sum()];
        for (int s = 0, slot = 0; s < samplesPerFrame.Length; s++)
            for (var k = 0; k < samplesPerFrame[s]; k++) _slotSignal[slot++] = s;
        FrameSize = _slotSignal.Length;
        if (format.IsNull)
        {
            FramesAvailable = long.MaxValue;
            return;
        }
        try
        {
            _handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new SignalFormatException(path, "signal file", "not found", e) { Problem = SignalProblem.MissingData };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SignalFormatException(path, "signal file", e.Message, e);
        }
        var bytes = RandomAccess.GetLength(_handle) - byteOffset;
        if (bytes < 0)
            throw new SignalFormatException(path, "byte offset", $"the header skips {byteOffset} bytes but the file holds only {bytes + byteOffset}");
        FramesAvailable = FrameSize == 0 ? 0 : format.SamplesIn(bytes) / FrameSize;
    }

    public string Path { get; }
    public int FrameSize { get; }
    public long FramesAvailable { get; }
    public WfdbStorageFormat Format => _format;

    /// <summary>Decodes frames <c>[first, first + count)</c> into <paramref name="dst"/> (count × FrameSize values).</summary>
    public void ReadFrames(long first, int count, Span<int> dst)
    {
        if (count == 0 || FrameSize == 0) return;
        if (first < 0 || first + count > FramesAvailable)
            throw new ArgumentOutOfRangeException(nameof(first), $"frames {first}..{first + count} outside 0..{FramesAvailable}");
        if (_format.IsNull)
        {
            dst.Fill(WfdbDefaults.InvalidSample);
            return;
        }
        if (_format.IsDifference) ReadDifferences(first, count, dst);
        else ReadPacked(first * FrameSize, dst[..(count * FrameSize)]);
    }

    /// <summary>
    /// Decodes frames <c>[first, first + count)</c> with each signal's samples going to its own array:
    /// <c>outputs[j][offsets[j] + at ..]</c>. <paramref name="scratch"/> holds at least count × FrameSize values.
    /// </summary>
    public void ReadPlanar(long first, int count, int[][] outputs, int[] offsets, int at, int[] scratch)
    {
        if (first < 0 || first + count > FramesAvailable)
            throw new ArgumentOutOfRangeException(nameof(first), $"frames {first}..{first + count} outside 0..{FramesAvailable}");
        if (FrameSize == 1)
        {
            ReadFrames(first, count, outputs[0].AsSpan(offsets[0] + at, count));
            return;
        }
        if (_format.Code == 212 && FrameSize == 2)
        {
            // Two 12-bit signals: every 3-byte group is exactly one frame.
            var bytes = ArrayPool<byte>.Shared.Rent(3 * count);
            try
            {
                ReadExactly(bytes.AsSpan(0, 3 * count), _byteOffset + 3 * first);
                WfdbSampleDecoder.Decode212Frames(bytes.AsSpan(0, 3 * count), outputs[0].AsSpan(offsets[0] + at, count), outputs[1].AsSpan(offsets[1] + at, count));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(bytes);
            }
            return;
        }
        var frames = scratch.AsSpan(0, count * FrameSize);
        ReadFrames(first, count, frames);
        for (var j = 0; j < FrameSize; j++) WfdbFrameScatter.CopyStrided(frames[j..], FrameSize, outputs[j].AsSpan(offsets[j] + at, count));
    }

    private void ReadPacked(long firstSample, Span<int> dst)
    {
        // Start at the byte group holding the first sample; a 212/310/311 frame may begin inside a group.
        var lead = (int)(firstSample % _format.GroupSamples);
        var groupStart = firstSample - lead;
        var byteStart = _byteOffset + groupStart / _format.GroupSamples * _format.GroupBytes;
        var total = lead + dst.Length;
        var byteCount = (int)_format.BytesFor(total);
        var bytes = ArrayPool<byte>.Shared.Rent(byteCount);
        try
        {
            ReadExactly(bytes.AsSpan(0, byteCount), byteStart);
            if (lead == 0)
            {
                WfdbSampleDecoder.Decode(_format.Code, bytes.AsSpan(0, byteCount), dst);
                return;
            }
            var samples = ArrayPool<int>.Shared.Rent(total);
            try
            {
                WfdbSampleDecoder.Decode(_format.Code, bytes.AsSpan(0, byteCount), samples.AsSpan(0, total));
                samples.AsSpan(lead, dst.Length).CopyTo(dst);
            }
            finally
            {
                ArrayPool<int>.Shared.Return(samples);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private void ReadDifferences(long first, int count, Span<int> dst)
    {
        // Each sample depends on all earlier ones, so decoding restarts from the first frame when asked to go back.
        if (first < _nextDifferenceFrame)
        {
            _initialValues.CopyTo(_accumulators, 0);
            _nextDifferenceFrame = 0;
        }
        const int chunkFrames = 1 << 14;
        if (_nextDifferenceFrame < first)
        {
            var scratch = ArrayPool<int>.Shared.Rent(chunkFrames * FrameSize);
            try
            {
                while (_nextDifferenceFrame < first)
                {
                    var n = (int)Math.Min(chunkFrames, first - _nextDifferenceFrame);
                    DecodeDifferences(_nextDifferenceFrame, n, scratch.AsSpan(0, n * FrameSize));
                }
            }
            finally
            {
                ArrayPool<int>.Shared.Return(scratch);
            }
        }
        DecodeDifferences(first, count, dst[..(count * FrameSize)]);
    }

    private void DecodeDifferences(long first, int count, Span<int> dst)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(dst.Length);
        try
        {
            ReadExactly(bytes.AsSpan(0, dst.Length), _byteOffset + first * FrameSize);
            WfdbSampleDecoder.DecodeDifferences(bytes.AsSpan(0, dst.Length), dst, _slotSignal, _accumulators);
            _nextDifferenceFrame = first + count;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private void ReadExactly(Span<byte> buffer, long offset)
    {
        var done = 0;
        while (done < buffer.Length)
        {
            var n = RandomAccess.Read(_handle!, buffer[done..], offset + done);
            if (n == 0) throw new SignalFormatException(Path, "length", $"the file ended at byte {offset + done} while reading samples (was it truncated?)");
            done += n;
        }
    }

    public void Dispose() => _handle?.Dispose();
}
