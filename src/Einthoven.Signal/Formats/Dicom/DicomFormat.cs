using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Dicom;

/// <summary>
/// DICOM ECG waveform files (.dcm): 12-lead, general and ambulatory ECG IODs, read in implicit or explicit VR little
/// endian, written in explicit VR little endian with the IOD the record fits (see <see cref="DicomWaveformFile"/>
/// for streams and instance identity).
/// </summary>
public sealed class DicomFormat : IRecordFormat
{
    public string Name => "dicom";

    public IReadOnlyList<string> Extensions { get; } = [".dcm"];

    public ISignalReader Open(string path, FormatOptions? options = null)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return RecordLimits.Apply(DicomWaveformReader.Open(stream, path, Path.GetFileNameWithoutExtension(path)), options, path);
    }

    public void Write(ISignalReader source, string path, FormatOptions? options = null)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            DicomWaveformWriter.Write(source, stream, null);
        }
        catch (ArgumentException)
        {
            // A record no IOD can hold is refused before a sample is written: leave no empty file behind.
            File.Delete(path);
            throw;
        }
    }

    public void Write(EcgRecord record, string path, FormatOptions? options = null) => Write(new InMemoryReader(record), path, options);
}
