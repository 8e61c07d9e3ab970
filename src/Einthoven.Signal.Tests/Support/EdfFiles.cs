using System.Buffers.Binary;
using System.Text;
using Einthoven.Signal.Formats.Edf;

namespace Einthoven.Signal.Tests.Support;

/// <summary>Builds EDF files byte by byte, for layouts the writer never produces (EDF+D, mixed rates, plain EDF).</summary>
internal static class EdfFiles
{
    public static EdfSignal Signal(string label, int samplesPerRecord, string dimension = "uV") => new()
    {
        Label = label, Dimension = dimension, PhysicalMin = -3276.8m, PhysicalMax = 3276.7m, DigitalMin = -32768,
        DigitalMax = 32767, SamplesPerRecord = samplesPerRecord,
    };

    public static EdfSignal Annotations(int samplesPerRecord) => new()
    {
        Label = EdfHeader.AnnotationLabel, PhysicalMin = -1, PhysicalMax = 1, DigitalMin = -32768, DigitalMax = 32767,
        SamplesPerRecord = samplesPerRecord,
    };

    public static byte[] Tal(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>
    /// A file whose data record r holds, for ordinary signal s, samples <c>value(r, s, i)</c>, and for annotation
    /// signals the bytes <c>tals(r)</c>.
    /// </summary>
    public static string Write(string path, EdfHeader header, Func<long, int, int, short> value, Func<long, byte[]>? tals = null)
    {
        using var stream = File.Create(path);
        stream.Write(EdfHeaderWriter.Write(header));
        for (long r = 0; r < header.RecordCount; r++)
        {
            var record = new byte[header.RecordBytes];
            var pos = 0;
            for (var s = 0; s < header.Signals.Count; s++)
            {
                var signal = header.Signals[s];
                if (signal.IsAnnotation && tals is not null)
                    tals(r).CopyTo(record, pos);
                else
                    for (var i = 0; i < signal.SamplesPerRecord; i++)
                        BinaryPrimitives.WriteInt16LittleEndian(record.AsSpan(pos + 2 * i), value(r, s, i));
                pos += 2 * signal.SamplesPerRecord;
            }
            stream.Write(record);
        }
        return path;
    }
}
