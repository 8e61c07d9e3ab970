using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats;

/// <summary>One file format the library reads and writes.</summary>
public interface IRecordFormat
{
    /// <summary>Short name used on the command line (<c>--to wfdb</c>).</summary>
    string Name { get; }

    /// <summary>File extensions (lower case, with the dot) that select this format.</summary>
    IReadOnlyList<string> Extensions { get; }

    ISignalReader Open(string path, FormatOptions? options = null);

    /// <summary>
    /// Writes the record <paramref name="source"/> reads to <paramref name="path"/> (for WFDB, the header path or record
    /// path), window by window: memory does not grow with the record's length.
    /// </summary>
    void Write(ISignalReader source, string path, FormatOptions? options = null);

    /// <summary>Writes a record held in memory; the same bytes as writing it through an <see cref="InMemoryReader"/>.</summary>
    void Write(EcgRecord record, string path, FormatOptions? options = null);
}

/// <summary>Options a user may give for formats that need them (CSV sampling rate and units, WFDB storage format, limits).</summary>
public sealed record FormatOptions
{
    /// <summary>Sampling frequency for inputs that do not state it themselves (CSV).</summary>
    public double? SamplingFrequency { get; init; }
    /// <summary>Physical unit of the values for inputs that do not state it (CSV): mV, uV, V.</summary>
    public string? Unit { get; init; }
    /// <summary>WFDB storage format to write (e.g. "212", "16"); the writer chooses one that fits when null.</summary>
    public string? WfdbFormat { get; init; }
    /// <summary>When set, opening a record larger than these limits fails before any sample is read.</summary>
    public RecordLimits? Limits { get; init; }
}
