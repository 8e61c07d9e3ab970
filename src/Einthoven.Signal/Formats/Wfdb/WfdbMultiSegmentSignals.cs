using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Wfdb;

/// <summary>
/// A multi-segment record read as one continuous record. With a layout segment (the first segment, of length 0), the
/// record has the layout's signals: each segment's signals are matched to them by description and rescaled to the
/// layout's gain and baseline, as WFDB's sigmap does. Without one, every segment has the first segment's signals in
/// order. Gaps ("~" segments) and signals a segment lacks read as <see cref="WfdbDefaults.InvalidSample"/>.
/// </summary>
internal sealed class WfdbMultiSegmentSignals : IWfdbSignals
{
    private readonly string _directory;
    private readonly Segment[] _segments;
    private readonly int _signalCount;
    private int _openIndex = -1;
    private WfdbSegmentSignals? _open;

    public WfdbMultiSegmentSignals(WfdbHeader master, string directory, string masterPath)
    {
        _directory = directory;
        var declared = master.Segments!;
        var headers = new WfdbHeader?[declared.Count];
        var parsed = new Dictionary<string, WfdbHeader>(StringComparer.Ordinal);
        for (var i = 0; i < declared.Count; i++)
        {
            if (declared[i].IsGap) continue;
            var path = Path.Combine(directory, declared[i].Name + ".hea");
            if (!parsed.TryGetValue(declared[i].Name, out var header)) parsed[declared[i].Name] = header = WfdbHeaderFile.Read(path);
            if (header.IsMultiSegment) throw new SignalFormatException(path, "record line", "a segment cannot itself have segments");
            var isLayout = i == 0 && declared[i].Length == 0;
            if (header.SampleCount != declared[i].Length && header.SampleCount != 0 && !isLayout)
                throw new SignalFormatException(path, "length", $"{Path.GetFileName(masterPath)} gives segment {i} {declared[i].Length} samples but its header says {header.SampleCount}");
            // A segment header that leaves its length out is held to the master's length for it.
            headers[i] = isLayout ? header : header with { SampleCount = declared[i].Length };
        }
        var hasLayout = declared[0].Length == 0 && headers[0] is not null;
        Layout = hasLayout ? headers[0]!.Signals.ToArray() : FirstSignals(headers, masterPath);
        _signalCount = Layout.Length;
        LayoutHeader = hasLayout ? headers[0] : null;

        var segments = new List<Segment>();
        long start = 0;
        for (var i = hasLayout ? 1 : 0; i < declared.Count; i++)
        {
            if (declared[i].Length == 0) continue;
            var map = headers[i] is { } h ? MapSignals(h, hasLayout) : null;
            segments.Add(new Segment(declared[i].Name, start, declared[i].Length, headers[i], map));
            start = long.MaxValue - start < declared[i].Length
                ? throw new SignalFormatException(masterPath, $"segment {i} length", "the segments add up to more samples than a record can have")
                : start + declared[i].Length;
        }
        _segments = segments.ToArray();
        Length = start;
        if (master.SampleCount != 0 && master.SampleCount != Length)
            throw new SignalFormatException(masterPath, "length", $"the record line says {master.SampleCount} samples but the segments add up to {Length}");
        foreach (var segment in _segments.DistinctBy(s => (s.Name, s.Length))) Validate(segment);
    }

    /// <summary>The signals of the whole record.</summary>
    public WfdbSignalSpec[] Layout { get; }
    /// <summary>The layout segment's header, when the record has one.</summary>
    public WfdbHeader? LayoutHeader { get; }
    public long Length { get; }

    public bool HasData => _segments.Any(s => s.Header is { } h && s.Map!.Where((m, j) => m.Lead >= 0 && !h.Signals[j].IsNull).Any());

    public void Read(long start, int count, int[][] dst, int offset)
    {
        if (start < 0 || count < 0 || start + count > Length)
            throw new ArgumentOutOfRangeException(nameof(start), $"samples {start}..{start + count} outside 0..{Length}");
        var end = start + count;
        foreach (var segment in _segments)
        {
            var from = Math.Max(start, segment.Start);
            var to = Math.Min(end, segment.Start + segment.Length);
            if (from >= to) continue;
            var at = offset + (int)(from - start);
            var n = (int)(to - from);
            if (segment.Map is null)
            {
                foreach (var lead in dst) lead.AsSpan(at, n).Fill(WfdbDefaults.InvalidSample);
                continue;
            }
            ReadSegment(segment, from - segment.Start, n, dst, at);
        }
    }

    private void ReadSegment(Segment segment, long localStart, int n, int[][] dst, int at)
    {
        var signals = Open(segment);
        var map = segment.Map!;
        // Signals that land unchanged in a lead are decoded straight into it; the rest go through scratch arrays.
        var targets = new int[map.Length][];
        var targetOffset = new int[map.Length];
        for (var j = 0; j < map.Length; j++)
        {
            var direct = map[j] is { Lead: >= 0, IsIdentity: true };
            targets[j] = direct ? dst[map[j].Lead] : new int[n];
            targetOffset[j] = direct ? at : 0;
        }
        signals.Read(localStart, n, targets, targetOffset);
        var covered = new bool[_signalCount];
        for (var j = 0; j < map.Length; j++)
        {
            var m = map[j];
            if (m.Lead < 0) continue;
            covered[m.Lead] = true;
            if (!m.IsIdentity) Rescale(targets[j], dst[m.Lead].AsSpan(at, n), m);
        }
        for (var lead = 0; lead < _signalCount; lead++)
            if (!covered[lead]) dst[lead].AsSpan(at, n).Fill(WfdbDefaults.InvalidSample);
    }

    private static void Rescale(int[] source, Span<int> dst, SignalMap m)
    {
        for (var i = 0; i < dst.Length; i++)
        {
            var v = source[i];
            dst[i] = v == WfdbDefaults.InvalidSample ? v : (int)Math.Clamp(Math.Floor(v * m.Scale + m.Offset), int.MinValue + 1, int.MaxValue);
        }
    }

    private WfdbSegmentSignals Open(Segment segment)
    {
        var index = Array.IndexOf(_segments, segment);
        if (_openIndex == index) return _open!;
        _open?.Dispose();
        _open = null;
        _open = new WfdbSegmentSignals(segment.Header!, _directory, Path.Combine(_directory, segment.Name + ".hea"));
        _openIndex = index;
        return _open;
    }

    private void Validate(Segment segment)
    {
        if (segment.Header is null) return;
        using var signals = new WfdbSegmentSignals(segment.Header, _directory, Path.Combine(_directory, segment.Name + ".hea"));
    }

    private SignalMap[] MapSignals(WfdbHeader segment, bool byName)
    {
        var map = new SignalMap[segment.Signals.Count];
        var taken = new bool[Layout.Length];
        for (var j = 0; j < map.Length; j++)
        {
            var spec = segment.Signals[j];
            var lead = byName
                ? Array.FindIndex(Layout, l => l.Description == spec.Description)
                : j < Layout.Length ? j : -1;
            if (lead < 0 || taken[lead])
            {
                map[j] = new SignalMap(-1, 1, 0, true);
                continue;
            }
            taken[lead] = true;
            var target = Layout[lead];
            var scale = target.EffectiveGain / spec.EffectiveGain;
            var identity = !byName || (scale == 1 && target.Baseline == spec.Baseline);
            map[j] = new SignalMap(lead, scale, target.Baseline - scale * spec.Baseline + 0.5, identity);
        }
        return map;
    }

    private static WfdbSignalSpec[] FirstSignals(WfdbHeader?[] headers, string masterPath) =>
        headers.FirstOrDefault(h => h is not null)?.Signals.ToArray()
        ?? throw new SignalFormatException(masterPath, "segments", "every segment is a gap, so the record has no signals") { Problem = SignalProblem.MissingData };

    public void Dispose() => _open?.Dispose();

    private sealed record Segment(string Name, long Start, long Length, WfdbHeader? Header, SignalMap[]? Map);

    private readonly record struct SignalMap(int Lead, double Scale, double Offset, bool IsIdentity);
}
