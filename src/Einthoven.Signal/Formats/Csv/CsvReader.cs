using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Csv;

/// <summary>
/// Streams a CSV of samples: the header and one indexing pass on open, then each window seeks to the nearest
/// indexed row (or continues where the previous window ended) and parses only its rows.
/// </summary>
internal sealed class CsvReader : ISignalReader
{
    private readonly FileStream _stream;
    private readonly string _file;
    private readonly CsvLayout _layout;
    private readonly CsvIndex _index;
    private readonly CsvChannel[] _channels;
    private (long Row, long Offset, long Line)? _cursor;

    private CsvReader(FileStream stream, string file, CsvLayout layout, CsvIndex index, CsvChannel[] channels, RecordInfo info)
    {
        _stream = stream;
        _file = file;
        _layout = layout;
        _index = index;
        _channels = channels;
        Info = info;
    }

    public RecordInfo Info { get; }

    public IReadOnlyList<string> Annotators => [];

    public IReadOnlyList<Annotation> ReadAnnotations(string annotator) =>
        throw new SignalFormatException(_file, "annotator", $"a CSV file has no annotation sets, so not '{annotator}'");

    public static CsvReader Open(FileStream stream, string file, CsvLayout layout, FormatOptions? options)
    {
        var rate = CsvStatements.SamplingFrequency(layout, options, file);
        var units = CsvStatements.Units(layout, options, file);
        // The header row alone tells the leads: an oversized one is refused before the indexing pass reads any value.
        options?.Limits?.CheckLeads(layout.SignalColumns.Select((c, k) => new LeadInfo { Name = layout.Columns[c].Name, Unit = units[k] }).ToArray(), file);
        var index = CsvIndex.Build(stream, layout, file, rate);
        var comments = layout.Comments.ToList();
        if (rate is null)
        {
            rate = CsvStatements.RateFromTime(layout, index, file);
            index = CsvIndex.Build(stream, layout, file, rate);
            comments.Add($"sampling rate {rate} Hz taken from the time column");
        }
        var channels = Channels(layout, index, units, file, comments);
        var info = new RecordInfo
        {
            Name = Path.GetFileNameWithoutExtension(file),
            SamplingFrequency = rate.Value,
            StartDate = layout.StartDate,
            StartTime = layout.StartTime,
            SampleCount = index.Rows,
            Leads = channels.Select(c => c.Lead).ToArray(),
            Comments = comments,
            Metadata = layout.Metadata,
        };
        return new CsvReader(stream, file, layout, index, channels, info);
    }

    private static CsvChannel[] Channels(CsvLayout layout, CsvIndex index, string[] units, string file, List<string> comments)
    {
        var columns = layout.SignalColumns;
        if (layout.Baselines is not null && layout.Gains is null)
            throw new SignalFormatException(file, "baseline", "a baseline needs a gain (# gain=...) to mean anything");
        foreach (var (list, name) in new[] { (layout.Gains, "gain"), (layout.Baselines, "baseline") })
            if (list is not null && list.Count != 1 && list.Count != columns.Length)
                throw new SignalFormatException(file, name, $"has {list.Count} values for {columns.Length} signal columns; give one, or one per column");
        return columns.Select((column, k) =>
        {
            var name = layout.Columns[column].Name;
            if (layout.Gains is { } gains)
                return CsvChannel.Stated(file, column, name, units[k], gains[gains.Count == 1 ? 0 : k],
                    layout.Baselines is { } b ? b[b.Count == 1 ? 0 : k] : 0);
            var channel = CsvChannel.Exact(file, column, name, units[k], index.Scales[column], index.MaxMagnitudes[column], out var note);
            if (note is not null) comments.Add(note);
            return channel;
        }).ToArray();
    }

    public SampleBlock Read(long start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var length = start < 0 || start >= _index.Rows ? 0 : (int)Math.Min(count, _index.Rows - start);
        var samples = _channels.Select(_ => new int[length]).ToArray();
        if (length == 0) return new SampleBlock(Math.Max(0, start), samples);

        var (row, offset, line) = _cursor is { } c && c.Row <= start && start - c.Row < CsvIndex.Stride ? c : _index.Checkpoint(start);
        var lines = new CsvLines(_stream, _file, offset, line);
        CsvRows.ForEach(lines, _layout, _file, row, start - row, null);
        var read = CsvRows.ForEach(lines, _layout, _file, start, length, (r, number, text, cells) =>
        {
            for (var k = 0; k < _channels.Length; k++)
            {
                var value = CsvCells.Parse(text[cells[_channels[k].Column]], _layout.DecimalComma, _file, number, _channels[k].Lead.Name);
                samples[k][r - start] = _channels[k].ToDigital(value, number);
            }
        });
        if (read < length)
            throw new SignalFormatException(_file, "rows", $"the file now ends after {start + read} rows; it changed after it was opened with {_index.Rows}");
        _cursor = (start + length, lines.NextOffset, lines.NextNumber);
        return new SampleBlock(start, samples);
    }

    public void Dispose() => _stream.Dispose();
}
