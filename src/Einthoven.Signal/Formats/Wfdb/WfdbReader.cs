using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Wfdb;

/// <summary>
/// Streaming reader of a WFDB record: opening parses the header (and, for a multi-segment record, the segment headers)
/// and checks that the signal files are long enough; <see cref="Read"/> decodes only the window asked for.
/// </summary>
public sealed class WfdbReader : ISignalReader
{
    private readonly string _directory;
    private readonly string _record;
    private readonly IWfdbSignals _signals;
    private readonly IReadOnlyList<string> _signalFiles;
    private IReadOnlyList<string>? _annotators;

    /// <summary>Opens the record <paramref name="record"/> whose header is <c>directory/record.hea</c>.</summary>
    public WfdbReader(string directory, string record)
    {
        _directory = directory;
        _record = record;
        var headerPath = Path.Combine(directory, record + ".hea");
        Header = WfdbHeaderFile.Read(headerPath);
        if (Header.IsMultiSegment)
        {
            var multi = new WfdbMultiSegmentSignals(Header, directory, headerPath);
            var comments = Header.Comments.Concat(multi.LayoutHeader?.Comments ?? []).ToArray();
            Info = WfdbRecordInfo.From(Header, multi.Layout, multi.Length, comments);
            _signals = multi;
            _signalFiles = [];
        }
        else
        {
            var single = new WfdbSegmentSignals(Header, directory, headerPath);
            Info = WfdbRecordInfo.From(Header, Header.Signals, single.Length, Header.Comments);
            _signals = single;
            _signalFiles = Header.Signals.Select(s => s.FileName).Distinct().ToArray();
        }
        if (!_signals.HasData && Info.Leads.Count > 0 && Info.SampleCount > 0)
        {
            _signals.Dispose();
            // Null signals read as "invalid" for as long as the header says: a record made of them holds nothing.
            throw new SignalFormatException(headerPath, "signals", "every signal is null (format 0) or a gap, so the record holds no samples")
                { Problem = SignalProblem.MissingData };
        }
    }

    /// <summary>The header exactly as parsed (for a multi-segment record, the master header).</summary>
    public WfdbHeader Header { get; }

    public RecordInfo Info { get; }

    public SampleBlock Read(long start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var leads = Info.Leads.Count;
        if (start < 0 || start >= Info.SampleCount || count == 0)
            return new SampleBlock(Math.Max(0, start), Enumerable.Range(0, leads).Select(_ => Array.Empty<int>()).ToArray());
        var n = (int)Math.Min(count, Info.SampleCount - start);
        var samples = new int[leads][];
        // Every element is written by the decoder, so the arrays need not be zeroed first.
        for (var i = 0; i < leads; i++) samples[i] = GC.AllocateUninitializedArray<int>(n);
        _signals.Read(start, n, samples, 0);
        return new SampleBlock(start, samples);
    }

    public IReadOnlyList<string> Annotators => _annotators ??= WfdbAnnotators.Find(_directory, _record, _signalFiles);

    public IReadOnlyList<Annotation> ReadAnnotations(string annotator)
    {
        if (!WfdbNames.IsValidRecordName(annotator))
            throw new SignalFormatException(Path.Combine(_directory, _record), "annotator", $"'{annotator}' is not a valid annotator name");
        return WfdbAnnotationReader.Read(Path.Combine(_directory, _record + "." + annotator));
    }

    public void Dispose() => _signals.Dispose();
}
