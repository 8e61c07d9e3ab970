using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats;

/// <summary>
/// Streaming access to a record on disk: the header is parsed on open, samples are decoded only for the window asked
/// for, so a 24-hour Holter file never has to be held in memory.
/// </summary>
public interface ISignalReader : IDisposable
{
    RecordInfo Info { get; }

    /// <summary>
    /// Reads samples <c>[start, start + count)</c> of every lead. The window is clipped to the record's end;
    /// a start outside the record gives an empty block.
    /// </summary>
    SampleBlock Read(long start, int count);

    /// <summary>Names of the annotation sets this record has (e.g. "atr").</summary>
    IReadOnlyList<string> Annotators { get; }

    /// <summary>Reads one annotation set; throws <see cref="SignalFormatException"/> for a malformed one.</summary>
    IReadOnlyList<Annotation> ReadAnnotations(string annotator);
}
