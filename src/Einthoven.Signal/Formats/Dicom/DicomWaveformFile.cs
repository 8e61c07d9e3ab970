using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Dicom;

/// <summary>
/// DICOM ECG waveforms (12-lead, general and ambulatory ECG IODs) to and from streams, for callers that do not
/// deal in files (a DICOMweb client sends and receives the bytes of a Part 10 instance).
/// </summary>
public static class DicomWaveformFile
{
    public const string MediaType = "application/dicom";

    /// <summary>Writes <paramref name="record"/> as one Part 10 instance; throws <see cref="ArgumentException"/> for a record no ECG IOD can hold.</summary>
    public static void Write(EcgRecord record, Stream stream, DicomWriteOptions? options = null) =>
        Write(new InMemoryReader(record), stream, options);

    public static void Write(ISignalReader source, Stream stream, DicomWriteOptions? options = null) =>
        DicomWaveformWriter.Write(source, stream, options);

    /// <summary>The SOP class the writer uses for a record so described (the IOD <paramref name="wanted"/>, else the first that fits); throws <see cref="ArgumentException"/> when none holds it.</summary>
    public static string SopClassFor(RecordInfo info, DicomEcgIod? wanted = null) => DicomWaveformWriter.ChooseIod(info, wanted).Iod.SopClassUid;

    /// <summary>The bytes of one Part 10 instance.</summary>
    public static byte[] ToBytes(EcgRecord record, DicomWriteOptions? options = null)
    {
        using var buffer = new MemoryStream();
        Write(record, buffer, options);
        return buffer.ToArray();
    }

    /// <summary>
    /// Reads a whole instance; <paramref name="name"/> becomes the record name and names the source in errors. A
    /// stream that cannot seek is first copied into memory.
    /// </summary>
    public static EcgRecord Read(Stream stream, string name, FormatOptions? options = null)
    {
        using var reader = Open(stream, name, options);
        return RecordFiles.ReadAll(reader);
    }

    /// <summary>A streaming reader over <paramref name="stream"/>, which it disposes.</summary>
    public static ISignalReader Open(Stream stream, string name, FormatOptions? options = null)
    {
        if (!stream.CanSeek)
        {
            var copy = new MemoryStream();
            stream.CopyTo(copy);
            stream.Dispose();
            copy.Position = 0;
            stream = copy;
        }
        return RecordLimits.Apply(DicomWaveformReader.Open(stream, name, name), options, name);
    }
}
