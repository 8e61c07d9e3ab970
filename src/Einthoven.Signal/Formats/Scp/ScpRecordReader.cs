using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Scp;

/// <summary>
/// Decodes a whole SCP-ECG file (a resting ECG of seconds, so it is held in memory): sections 1 (header), 2 (Huffman
/// tables), 3 (leads), 6 (rhythm data) and, where section 3 says reference beats were subtracted, 4 and 5; the
/// interpretation statements of section 8 become comments.
/// </summary>
internal static class ScpRecordReader
{
    /// <summary>Larger than any file the format can describe (255 leads of at most 64 kB each, plus the rest).</summary>
    private const long MaxFileBytes = 64L << 20;

    public static EcgRecord Read(string path, RecordLimits? limits)
    {
        var length = new FileInfo(path).Length;
        if (length > MaxFileBytes)
            throw new SignalFormatException(path, "file length", $"{length} bytes, more than the {MaxFileBytes >> 20} MB an SCP-ECG file can need") { Problem = SignalProblem.TooLarge };
        var sections = ScpSections.Parse(File.ReadAllBytes(path), path);
        var leads = ScpLeadTable.Parse(Required(sections, 3, path).Span, path);
        var header = sections.Body(1) is { } s1 ? ScpHeaderTags.Parse(s1.Span, path) : new ScpHeader([], null, null, []);
        var tables = sections.Body(2) is { } s2 ? ScpHuffmanTable.Parse(s2.Span, path) : null;
        var rhythm = ScpSampleSection.Parse(Required(sections, 6, path), leads.Codes.Length, path, 6);
        if (rhythm.Bimodal)
            throw new SignalFormatException(path, "section 6 bimodal compression", "bimodal compression (decimated rhythm data) is not read");
        if (sections.Body(8) is { } s8) header.Comments.AddRange(ScpStatements.Parse(s8.Span, path));

        header.Metadata[ScpFormat.EncodingKey] = Describe(rhythm, tables, leads.ReferenceBeatSubtracted);
        var gain = 1e6 / rhythm.AmplitudeNanovolts;
        var info = new RecordInfo
        {
            Name = Path.GetFileNameWithoutExtension(path),
            SamplingFrequency = ScpFormat.Frequency(rhythm.IntervalMicroseconds),
            SampleCount = leads.SampleCount,
            Leads = leads.Codes.Select((code, i) => new LeadInfo { Name = ScpLeadCodes.Name(code, i), Unit = "mV", Gain = gain, AdcResolution = 16 }).ToArray(),
            StartDate = header.Date,
            StartTime = header.Time,
            Metadata = header.Metadata,
            Comments = header.Comments,
        };
        limits?.Check(info, path);

        var samples = rhythm.Decode(leads.SampleCount, tables, path);
        if (leads.ReferenceBeatSubtracted) AddReferenceBeat(samples, sections, rhythm, tables, path);
        return new EcgRecord(info, samples);
    }

    private static ReadOnlyMemory<byte> Required(ScpSections sections, int id, string path) =>
        sections.Body(id) ?? throw new SignalFormatException(path, $"section {id}", "missing: the file has no " + (id == 3 ? "lead definitions" : "rhythm data"));

    private static void AddReferenceBeat(int[][] residual, ScpSections sections, ScpSampleSection rhythm, IReadOnlyList<ScpHuffmanTable>? tables, string path)
    {
        const string why = "section 3 says reference beats were subtracted";
        var qrs = ScpQrsLocations.Parse((sections.Body(4) ?? throw new SignalFormatException(path, "section 4", $"missing, but {why}")).Span, path);
        var reference = ScpSampleSection.Parse(sections.Body(5) ?? throw new SignalFormatException(path, "section 5", $"missing, but {why}"),
            residual.Length, path, 5);
        if (reference.IntervalMicroseconds != rhythm.IntervalMicroseconds)
            throw new SignalFormatException(path, "section 5 sample time interval",
                $"reference beats at {reference.IntervalMicroseconds} µs, rhythm data at {rhythm.IntervalMicroseconds} µs: decimated rhythm data is not read");
        var beat = reference.Decode(ScpReferenceBeat.Samples(qrs.ReferenceLengthMs, reference.IntervalMicroseconds), tables, path);
        ScpReferenceBeat.Add(residual, beat, qrs, (double)reference.AmplitudeNanovolts / rhythm.AmplitudeNanovolts, path);
    }

    private static string Describe(ScpSampleSection rhythm, IReadOnlyList<ScpHuffmanTable>? tables, bool referenceBeat)
    {
        var parts = new List<string>
        {
            tables is null ? "16-bit values" : ReferenceEquals(tables[0], ScpHuffmanTable.Default) ? "Huffman (default table)" : $"Huffman ({tables.Count} table(s) in section 2)",
            rhythm.Differences switch { ScpDifferences.First => "first differences", ScpDifferences.Second => "second differences", _ => "no differences" },
        };
        if (referenceBeat) parts.Add("reference beat subtraction");
        return string.Join(", ", parts);
    }
}
