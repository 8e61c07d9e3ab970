using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Aecg;

/// <summary>
/// HL7 annotated ECG (aECG, PORT_MT020001 XML), read and written: the rhythm waveforms, the start, the patient and the
/// annotation sets, with device and physician sets kept apart with their authors (see <see cref="AecgAnnotations"/>).
/// </summary>
public sealed class AecgFormat : IRecordFormat
{
    public string Name => "aecg";

    public IReadOnlyList<string> Extensions { get; } = [".xml", ".aecg"];

    public ISignalReader Open(string path, FormatOptions? options = null) =>
        RecordLimits.Apply(AecgReader.Open(path, options?.Limits), options, path);

    public void Write(ISignalReader source, string path, FormatOptions? options = null) => AecgWriter.Write(source, path);

    public void Write(EcgRecord record, string path, FormatOptions? options = null) => Write(new InMemoryReader(record), path, options);
}
