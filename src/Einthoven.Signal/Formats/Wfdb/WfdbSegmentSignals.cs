using System.Buffers;
using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Wfdb;

/// <summary>
/// The signals of one single-segment record: its signal files, deskewed and at frame rate. A signal with several
/// samples per frame is returned as the average of each frame's samples, as WFDB's getvec does by default, so that
/// every lead shares the record's frame frequency; a frame holding an invalid sample gives an invalid value.
/// When a read covers the whole record, the header's checksums and initial values are verified.
/// </summary>
internal sealed class WfdbSegmentSignals : IWfdbSignals
{
    private const int ChunkSamples = 1 << 16;

    private readonly WfdbSignalFile[] _files;
    private readonly SignalLayout[] _signals;
    private readonly WfdbSignalSpec[] _specs;
    private readonly bool _checksumsRecorded;

    public WfdbSegmentSignals(WfdbHeader header, string directory, string headerPath)
    {
        _specs = header.Signals.ToArray();
        _checksumsRecorded = _specs.Any(s => !s.IsNull && s.Checksum is { } c && (short)c != 0);
        _signals = new SignalLayout[_specs.Length];
        var files = new List<WfdbSignalFile>();
        try
        {
            for (var first = 0; first < _specs.Length;)
            {
                var end = first + 1;
                while (end < _specs.Length && !_specs[first].IsNull && _specs[end].FileName == _specs[first].FileName) end++;
                files.Add(OpenGroup(directory, first, end, files.Count));
                first = end;
            }
            _files = files.ToArray();
            Length = DecideLength(header, headerPath);
        }
        catch
        {
            foreach (var f in files) f.Dispose();
            throw;
        }
    }

    public long Length { get; }
    public bool HasData => _files.Any(f => !f.Format.IsNull);
    public int SignalCount => _signals.Length;

    /// <summary>Writes samples <c>[start, start + count)</c> of every signal into <c>dst[signal][offset..]</c>.</summary>
    public void Read(long start, int count, int[][] dst, int offset) =>
        Read(start, count, dst, Enumerable.Repeat(offset, dst.Length).ToArray());

    /// <summary>Like <see cref="Read(long,int,int[][],int)"/>, with an offset for each signal.</summary>
    public void Read(long start, int count, int[][] dst, int[] offsets)
    {
        if (start < 0 || count < 0 || start + count > Length)
            throw new ArgumentOutOfRangeException(nameof(start), $"samples {start}..{start + count} outside 0..{Length}");
        var verify = start == 0 && count == Length;
        for (var g = 0; g < _files.Length; g++) ReadGroup(g, start, count, dst, offsets, verify);
    }

    private void ReadGroup(int group, long start, int count, int[][] dst, int[] offsets, bool verify)
    {
        var file = _files[group];
        var members = Enumerable.Range(0, _signals.Length).Where(s => _signals[s].Group == group).ToArray();
        var sums = new long[members.Length];
        var chunkFrames = Math.Max(1, ChunkSamples / file.FrameSize);
        var buffer = ArrayPool<int>.Shared.Rent(chunkFrames * file.FrameSize);
        try
        {
            var plain = !file.Format.IsNull && members.All(s => _signals[s] is { Skew: 0, SamplesPerFrame: 1 });
            if (plain) ReadPlainGroup(file, members, start, count, dst, offsets, verify, sums, buffer, chunkFrames);
            else ReadMixedGroup(file, members, start, count, dst, offsets, verify, sums, buffer, chunkFrames);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(buffer);
        }
        if (verify)
            for (var m = 0; m < members.Length; m++) CheckSum(members[m], sums[m], file.Path);
    }

    /// <summary>The usual case: no skew, one sample per frame. Samples are decoded straight into the output arrays.</summary>
    private void ReadPlainGroup(WfdbSignalFile file, int[] members, long start, int count, int[][] dst, int[] offsets,
        bool verify, long[] sums, int[] buffer, int chunkFrames)
    {
        var outputs = members.Select(s => dst[s]).ToArray();
        var outputOffsets = members.Select(s => offsets[s]).ToArray();
        for (var done = 0; done < count; done += chunkFrames)
        {
            var n = Math.Min(chunkFrames, count - done);
            file.ReadPlanar(start + done, n, outputs, outputOffsets, done, buffer);
            for (var m = 0; m < members.Length; m++)
            {
                var values = outputs[m].AsSpan(outputOffsets[m] + done, n);
                if (verify && done == 0) CheckInitialValue(members[m], values[0], file.Path);
                sums[m] += WfdbFrameScatter.MarkInvalid(values, _signals[members[m]].InvalidRaw);
            }
        }
    }

    private void ReadMixedGroup(WfdbSignalFile file, int[] members, long start, int count, int[][] dst, int[] offsets,
        bool verify, long[] sums, int[] buffer, int chunkFrames)
    {
        var maxSkew = members.Max(s => _signals[s].Skew);
        var end = Math.Min(start + count + maxSkew, file.FramesAvailable);
        for (var first = start; first < end; first += chunkFrames)
        {
            var n = (int)Math.Min(chunkFrames, end - first);
            var frames = buffer.AsSpan(0, n * file.FrameSize);
            file.ReadFrames(first, n, frames);
            for (var m = 0; m < members.Length; m++)
            {
                var s = members[m];
                var signal = _signals[s];
                if (verify && first == 0) CheckInitialValue(s, frames[signal.Slot], file.Path);
                var copied = WfdbFrameScatter.Scatter(signal, frames, first, n, file.FrameSize, start, count, dst[s], offsets[s]);
                // With no skew and one sample per frame, a whole-record read copies exactly the checksummed samples.
                if (verify) sums[m] += signal is { Skew: 0, SamplesPerFrame: 1 } ? copied : WfdbFrameScatter.Sum(signal, frames, first, n, file.FrameSize, Length);
            }
        }
        foreach (var s in members) FillPastEnd(_signals[s], end, start, count, dst[s], offsets[s]);
    }

    private static void FillPastEnd(SignalLayout signal, long end, long start, int count, int[] dst, int offset)
    {
        var from = Math.Max(0, end - start - signal.Skew);
        if (from < count) dst.AsSpan(offset + (int)from, count - (int)from).Fill(WfdbDefaults.InvalidSample);
    }

    private void CheckInitialValue(int s, int first, string file)
    {
        var spec = _specs[s];
        if (!HasIntegrityFields(spec) || first == spec.InitialValue) return;
        throw new SignalFormatException(file, $"signal {s} initial value", $"the header says {spec.InitialValue} but the first sample is {first}");
    }

    private void CheckSum(int s, long sum, string file)
    {
        var spec = _specs[s];
        if (!HasIntegrityFields(spec) || (short)sum == (short)spec.Checksum!.Value) return;
        throw new SignalFormatException(file, $"signal {s} checksum",
            $"the header says {(short)spec.Checksum.Value} but the samples sum to {(short)sum} (mod 65536); the file is damaged or belongs to another header");
    }

    // Some converters (the CinC 2017 .mat headers among them) write 0 for every checksum and an initial value that
    // was never computed. A header whose checksums are all 0 is therefore read as carrying none, and neither field is
    // checked; where any checksum is non-zero, a zero one is a genuine sum and is verified like the others.
    private bool HasIntegrityFields(WfdbSignalSpec spec) => _checksumsRecorded && spec.Checksum is not null && !spec.IsNull;

    private WfdbSignalFile OpenGroup(string directory, int first, int end, int group)
    {
        var spec = _specs[first];
        var format = WfdbStorageFormat.Get(spec.Format);
        var spf = new int[end - first];
        var initial = new int[end - first];
        var slot = 0;
        for (var s = first; s < end; s++)
        {
            spf[s - first] = _specs[s].SamplesPerFrame;
            initial[s - first] = _specs[s].InitialValue;
            // The header gives skew in samples; WFDB deskews in whole frames.
            var skew = (int)(((double)_specs[s].Skew / _specs[s].SamplesPerFrame) + 0.5);
            _signals[s] = new SignalLayout(group, slot, _specs[s].SamplesPerFrame, skew, format.InvalidRaw);
            slot += _specs[s].SamplesPerFrame;
        }
        var path = format.IsNull ? Path.Combine(directory, WfdbSegment.GapName) : Path.Combine(directory, spec.FileName);
        return new WfdbSignalFile(path, format, spec.ByteOffset, spf, initial);
    }

    private long DecideLength(WfdbHeader header, string headerPath)
    {
        var stored = _files.Where(f => !f.Format.IsNull).ToArray();
        if (header.SampleCount == 0) return stored.Length == 0 ? 0 : stored.Min(f => f.FramesAvailable);
        foreach (var f in stored)
            if (f.FramesAvailable < header.SampleCount)
                throw new SignalFormatException(f.Path, "length",
                    $"{Path.GetFileName(headerPath)} says {header.SampleCount} samples per signal but the file holds only {f.FramesAvailable} (truncated, or the wrong format)")
                    { Problem = SignalProblem.MissingData };
        return header.SampleCount;
    }

    public void Dispose()
    {
        foreach (var f in _files) f.Dispose();
    }
}
