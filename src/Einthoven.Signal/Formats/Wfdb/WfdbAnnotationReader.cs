using System.Buffers.Binary;
using System.Text;
using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Wfdb;

/// <summary>
/// Decodes MIT-format annotation files (.atr, .qrs, ...) as the WFDB library's getann does: 16-bit little-endian
/// words holding a 6-bit code and a 10-bit time increment, with the pseudo-codes SKIP, NUM, SUB, CHN and AUX, ended by a
/// zero word.
/// </summary>
public static class WfdbAnnotationReader
{
    public static IReadOnlyList<Annotation> Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new SignalFormatException(path, "annotation file", "not found", e);
        }
        return Decode(bytes, path);
    }

    public static IReadOnlyList<Annotation> Decode(ReadOnlySpan<byte> data, string file)
    {
        var annotations = new List<Annotation>(Math.Min(data.Length / 2, 1 << 16));
        long time = 0;
        int chan = 0, num = 0;
        var pos = 0;
        // The annotation being read: pseudo-codes that follow its word still change it.
        var pending = false;
        Annotation current = default;
        while (true)
        {
            if (pos + 2 > data.Length)
                throw new SignalFormatException(file, "end marker",
                    pos == data.Length ? "the file ends without the end-of-annotations word (truncated?)" : "the file ends in the middle of a word");
            var word = BinaryPrimitives.ReadUInt16LittleEndian(data[pos..]);
            var at = pos;
            pos += 2;
            if (word == 0) break;
            var code = word >> 10;
            var value = word & WfdbAnnotationCodes.DataMask;
            switch (code)
            {
                case WfdbAnnotationCodes.Skip:
                    if (pos + 4 > data.Length) throw new SignalFormatException(file, $"SKIP at byte {at}", "the file ends inside its 32-bit interval");
                    // PDP-11 order: high 16 bits first, each half little-endian.
                    time += (int)((uint)BinaryPrimitives.ReadUInt16LittleEndian(data[pos..]) << 16 | BinaryPrimitives.ReadUInt16LittleEndian(data[(pos + 2)..]));
                    pos += 4;
                    break;
                case WfdbAnnotationCodes.Num:
                    num = (sbyte)value;
                    current = current with { Number = num };
                    break;
                case WfdbAnnotationCodes.Chn:
                    chan = (byte)value;
                    current = current with { Channel = chan };
                    break;
                case WfdbAnnotationCodes.Sub:
                    if (!pending) throw Orphan(file, "SUB", at);
                    current = current with { Subtype = (sbyte)value };
                    break;
                case WfdbAnnotationCodes.Aux:
                    if (!pending) throw Orphan(file, "AUX", at);
                    var length = word & 0xFF;
                    if (pos + length > data.Length) throw new SignalFormatException(file, $"AUX at byte {at}", $"announces {length} bytes but the file ends first");
                    current = current with { Aux = DecodeText(data.Slice(pos, length)) };
                    pos += (length + 1) & ~1;
                    break;
                default:
                    if (pending) annotations.Add(current);
                    time += value;
                    current = new Annotation(time, code, 0, chan, num);
                    pending = true;
                    break;
            }
        }
        if (pending) annotations.Add(current);
        return annotations;
    }

    /// <summary>UTF-8 when the bytes are valid UTF-8 (ASCII always is), otherwise Latin-1, so no byte is lost.</summary>
    private static string DecodeText(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes);
        }
    }

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, true);

    private static SignalFormatException Orphan(string file, string name, int at) =>
        new(file, $"{name} at byte {at}", "comes before any annotation it could belong to");
}

/// <summary>The word layout of MIT annotation files (WFDB's annot.c).</summary>
internal static class WfdbAnnotationCodes
{
    public const int DataMask = 0x3FF;
    public const int MaxInterval = 0x3FF;
    /// <summary>Highest code of a real annotation (ACMAX).</summary>
    public const int MaxCode = 49;
    public const int Skip = 59, Num = 60, Sub = 61, Chn = 62, Aux = 63;
    public const int MaxAuxBytes = 255;
}
