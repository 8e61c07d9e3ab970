using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats;

/// <summary>
/// The largest record a reader opened with these limits accepts (see <see cref="FormatOptions.Limits"/>). Every
/// check uses only what the header claims, so an oversized record is refused before any sample is read; a refusal is
/// a <see cref="SignalFormatException"/> with <see cref="SignalProblem.TooLarge"/> naming the field.
/// </summary>
public sealed record RecordLimits
{
    public int MaxLeads { get; init; } = 16;
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromHours(48);
    public long MaxSamplesPerLead { get; init; } = 48L * 3600 * 1000;
    /// <summary>Samples of all leads together (a 24-hour 12-lead Holter at 250 Hz has 259,200,000).</summary>
    public long MaxTotalSamples { get; init; } = 260_000_000;
    public double MaxSamplingFrequency { get; init; } = 10_000;
    /// <summary>Characters in a lead name or a unit.</summary>
    public int MaxNameLength { get; init; } = 64;
    public int MaxRecordNameLength { get; init; } = 200;
    /// <summary>Characters of all comments and metadata (keys and values) together.</summary>
    public int MaxNotesLength { get; init; } = 16 * 1024;

    /// <summary>Throws unless <paramref name="info"/> is within every limit.</summary>
    public void Check(RecordInfo info, string file)
    {
        CheckLeads(info.Leads, file);
        if (info.Name.Length > MaxRecordNameLength)
            throw TooLarge(file, "record name", $"{info.Name.Length} characters (at most {MaxRecordNameLength})");
        if (info.SamplingFrequency > MaxSamplingFrequency)
            throw TooLarge(file, "sampling frequency", $"{info.SamplingFrequency} Hz (at most {MaxSamplingFrequency} Hz)");
        if (info.SampleCount > MaxSamplesPerLead)
            throw TooLarge(file, "length", $"{info.SampleCount:N0} samples per lead (at most {MaxSamplesPerLead:N0})");
        // Compared in seconds as doubles: a tiny rate makes a duration no TimeSpan can hold.
        var seconds = info.SampleCount / info.SamplingFrequency;
        if (!(seconds <= MaxDuration.TotalSeconds))
            throw TooLarge(file, "duration", $"{seconds:0.#} s at {info.SamplingFrequency} Hz (at most {MaxDuration.TotalHours:0.#} h)");
        var total = (double)info.SampleCount * info.Leads.Count;
        if (total > MaxTotalSamples)
            throw TooLarge(file, "length", $"{info.SampleCount:N0} samples x {info.Leads.Count} leads = {total:N0} samples (at most {MaxTotalSamples:N0} in all)");
        var notes = info.Comments.Sum(c => (long)c.Length) + info.Metadata.Sum(m => (long)m.Key.Length + m.Value.Length);
        if (notes > MaxNotesLength)
            throw TooLarge(file, "comments", $"{notes:N0} characters of comments and metadata (at most {MaxNotesLength:N0})");
    }

    /// <summary>The lead count and each lead's name and unit (a reader may check them before it looks at the data).</summary>
    public void CheckLeads(IReadOnlyList<LeadInfo> leads, string file)
    {
        if (leads.Count > MaxLeads) throw TooLarge(file, "number of signals", $"{leads.Count} signals (at most {MaxLeads})");
        for (var i = 0; i < leads.Count; i++)
        {
            if (leads[i].Name.Length > MaxNameLength)
                throw TooLarge(file, $"signal {i} name", $"{leads[i].Name.Length} characters (at most {MaxNameLength})");
            if (leads[i].Unit.Length > MaxNameLength)
                throw TooLarge(file, $"signal {i} unit", $"{leads[i].Unit.Length} characters (at most {MaxNameLength})");
        }
    }

    /// <summary>Checks <paramref name="reader"/>'s record, disposing the reader when it is refused.</summary>
    public static ISignalReader Apply(ISignalReader reader, FormatOptions? options, string file)
    {
        if (options?.Limits is not { } limits) return reader;
        try { limits.Check(reader.Info, file); }
        catch
        {
            reader.Dispose();
            throw;
        }
        return reader;
    }

    private static SignalFormatException TooLarge(string file, string field, string reason) =>
        new(file, field, reason) { Problem = SignalProblem.TooLarge };
}
