using System.Buffers.Binary;
using Einthoven.Signal.Records;
using Microsoft.Win32.SafeHandles;

namespace Einthoven.Signal.Formats.Edf;

/// <summary>
/// Streams an EDF or EDF+ file: the header (and, for EDF+D, the time-keeping of every data record) is read on open;
/// samples are decoded only from the data records a window covers; annotations are read on first request.
/// </summary>
internal sealed class EdfReader : ISignalReader
{
    public const string Annotator = "edf";
    private const int ChunkBytes = 1 << 20;

    private readonly SafeFileHandle _file;
    private readonly string _path;
    private readonly EdfHeader _header;
    private readonly int[] _leadSignals;
    private readonly int[] _annotationSignals;
    private readonly EdfTimeline _timeline;
    private readonly decimal _firstOnset;
    private List<Annotation>? _annotations;

    private EdfReader(string path, SafeFileHandle file, EdfHeader header, EdfLayout layout)
    {
        _path = path;
        _file = file;
        _header = header;
        _leadSignals = layout.LeadSignals;
        _annotationSignals = layout.AnnotationSignals;
        Info = layout.Info;
        _timeline = EdfTimeline.Continuous(layout.SamplesPerRecord, header.RecordCount);
        if (header.IsEdfPlus && _annotationSignals.Length > 0 && header.RecordCount > 0)
        {
            var (onset, _) = TimeKeeping(0);
            _firstOnset = onset;
            Info = layout.WithFirstOnset(onset);
            if (header.IsDiscontinuous) _timeline = DiscontinuousTimeline();
        }
        else if (header.IsDiscontinuous)
            throw new SignalFormatException(path, "reserved", "EDF+D needs an 'EDF Annotations' signal to tell when each data record starts");
        Info = Info with { SampleCount = _timeline.SampleCount };
    }

    public static EdfReader Open(string path)
    {
        EdfHeader header;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096))
            header = EdfHeaderReader.Read(stream, path);
        var layout = EdfLayout.For(header, path);
        var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        try { return new EdfReader(path, file, header, layout); }
        catch { file.Dispose(); throw; }
    }

    public RecordInfo Info { get; }

    public IReadOnlyList<string> Annotators => LoadAnnotations().Count > 0 ? [Annotator] : [];

    public IReadOnlyList<Annotation> ReadAnnotations(string annotator) =>
        annotator == Annotator ? LoadAnnotations() : throw new SignalFormatException(_path, "annotator", $"EDF files have only the '{Annotator}' annotation set, not '{annotator}'");

    public SampleBlock Read(long start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var length = start < 0 || start >= _timeline.SampleCount ? 0 : (int)Math.Min(count, _timeline.SampleCount - start);
        var samples = new int[_leadSignals.Length][];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = new int[length];
            if (_timeline.HasGaps) Array.Fill(samples[i], EdfFormat.GapValue);
        }
        if (length == 0) return new SampleBlock(Math.Max(0, start), samples);

        var end = start + length;
        var (first, last) = _timeline.Records(start, end);
        var recordBytes = (int)_header.RecordBytes;
        var perChunk = (int)Math.Max(1, Math.Min(ChunkBytes / recordBytes, last - first + 1));
        var buffer = new byte[(long)perChunk * recordBytes];
        var offsets = _leadSignals.Select(s => (int)_header.SignalOffset(s)).ToArray();
        for (var r = first; r <= last; r += perChunk)
        {
            var records = (int)Math.Min(perChunk, last - r + 1);
            ReadBytes(buffer.AsSpan(0, records * recordBytes), RecordOffset(r), $"data record {r + 1}");
            for (var k = 0; k < records; k++)
                CopyRecord(buffer.AsSpan(k * recordBytes, recordBytes), _timeline.Start(r + k), start, end, offsets, samples);
        }
        return new SampleBlock(start, samples);
    }

    private void CopyRecord(ReadOnlySpan<byte> record, long recordStart, long start, long end, int[] offsets, int[][] samples)
    {
        var from = Math.Max(start, recordStart);
        var to = Math.Min(end, recordStart + _timeline.SamplesPerRecord);
        for (var lead = 0; lead < offsets.Length; lead++)
        {
            var source = record[offsets[lead]..];
            var target = samples[lead];
            for (var s = from; s < to; s++)
                target[s - start] = BinaryPrimitives.ReadInt16LittleEndian(source[(int)(2 * (s - recordStart))..]);
        }
    }

    private EdfTimeline DiscontinuousTimeline()
    {
        var starts = new long[_header.RecordCount];
        for (long r = 0; r < starts.Length; r++)
        {
            var (onset, _) = TimeKeeping(r);
            starts[r] = Sample(onset, $"data record {r + 1} time-keeping annotation");
            if (r > 0 && starts[r] < starts[r - 1] + _timeline.SamplesPerRecord)
                throw new SignalFormatException(_path, $"data record {r + 1} time-keeping annotation",
                    $"starts at +{onset} s, before data record {r} ends; EDF+D records must ascend without overlap");
        }
        return EdfTimeline.Discontinuous(_timeline.SamplesPerRecord, starts);
    }

    private List<Annotation> LoadAnnotations()
    {
        if (_annotations is not null) return _annotations;
        var list = new List<Annotation>();
        if (_header.IsEdfPlus && _annotationSignals.Length > 0)
            for (long r = 0; r < _header.RecordCount; r++)
            {
                var (onset, tals) = TimeKeeping(r);
                if (!_header.IsDiscontinuous && onset != _firstOnset + r * _header.RecordDuration)
                    throw new SignalFormatException(_path, $"data record {r + 1} time-keeping annotation",
                        $"starts at +{onset} s, not +{_firstOnset + r * _header.RecordDuration} s as a continuous (EDF+C) file must");
                foreach (var tal in tals)
                foreach (var text in tal.Texts)
                    list.Add(EdfAnnotationText.Read(Sample(tal.Onset, $"data record {r + 1} annotation onset"), text, tal.Duration));
            }
        return _annotations = [.. list.OrderBy(a => a.Sample)];
    }

    /// <summary>
    /// The onset of data record <paramref name="record"/> and its annotations: every TAL of its annotation signals,
    /// minus the empty text that marks the first TAL as time-keeping.
    /// </summary>
    private (decimal Onset, List<EdfTal> Tals) TimeKeeping(long record)
    {
        var field = $"data record {record + 1} annotations";
        var tals = new List<EdfTal>();
        foreach (var signal in _annotationSignals)
        {
            var bytes = new byte[2 * _header.Signals[signal].SamplesPerRecord];
            ReadBytes(bytes, RecordOffset(record) + _header.SignalOffset(signal), field);
            tals.AddRange(EdfTal.ParseAll(bytes, _path, field));
        }
        if (tals.Count == 0 || tals[0].Texts.Count == 0 || tals[0].Texts[0].Length != 0)
            throw new SignalFormatException(_path, field, "the first annotation list is not a time-keeping annotation (an onset with an empty text)");
        tals[0] = tals[0] with { Texts = tals[0].Texts.Skip(1).ToArray() };
        return (tals[0].Onset, tals);
    }

    private long Sample(decimal onset, string field)
    {
        try { return EdfTimeline.ToSample(onset - _firstOnset, Info.SamplingFrequency); }
        catch (OverflowException) { throw new SignalFormatException(_path, field, $"onset {onset} s is out of range"); }
    }

    private long RecordOffset(long record) => _header.HeaderBytes + record * _header.RecordBytes;

    private void ReadBytes(Span<byte> buffer, long offset, string field)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = RandomAccess.Read(_file, buffer[total..], offset + total);
            if (n == 0) throw new SignalFormatException(_path, field, "the file ends early; it was truncated after it was opened");
            total += n;
        }
    }

    public void Dispose() => _file.Dispose();
}
