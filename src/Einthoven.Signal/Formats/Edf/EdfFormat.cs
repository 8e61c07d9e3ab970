using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Edf;

/// <summary>
/// European Data Format: EDF, EDF+C and EDF+D read, EDF+C written. Annotations are the set "edf" (see
/// <see cref="EdfAnnotationText"/> for how texts map to WFDB codes). Signals slower than the fastest ones are not
/// resampled but left out, each with a note in <see cref="RecordInfo.Comments"/>.
/// </summary>
public sealed class EdfFormat : IRecordFormat
{
    /// <summary>
    /// Digital value of the samples inside the gaps of a discontinuous EDF+D file, which is read on its true time
    /// axis (WFDB's invalid-sample value).
    /// </summary>
    public const int GapValue = short.MinValue;

    public string Name => "edf";

    public IReadOnlyList<string> Extensions { get; } = [".edf"];

    public ISignalReader Open(string path, FormatOptions? options = null) => RecordLimits.Apply(EdfReader.Open(path), options, path);

    public void Write(ISignalReader source, string path, FormatOptions? options = null) => EdfWriter.Write(source, path);

    public void Write(EcgRecord record, string path, FormatOptions? options = null) => Write(new InMemoryReader(record), path, options);
}
