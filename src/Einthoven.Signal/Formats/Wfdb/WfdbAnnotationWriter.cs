using System.Text;
using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Wfdb;

/// <summary>
/// Encodes annotations in MIT format exactly as the WFDB library's putann does, so that a file read and written again
/// comes out byte for byte the same. Annotations are written in the order given (WFDB's SKIP handles any step back).
/// </summary>
public static class WfdbAnnotationWriter
{
    public static void Write(string path, IEnumerable<Annotation> annotations)
    {
        try
        {
            File.WriteAllBytes(path, Encode(annotations));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SignalFormatException(path, "annotation file", e.Message, e);
        }
    }

    public static byte[] Encode(IEnumerable<Annotation> annotations)
    {
        var output = new MemoryStream();
        long previousTime = 0;
        int previousChan = 0, previousNum = 0;
        foreach (var raw in annotations)
        {
            var a = Representable(raw);
            var delta = a.Sample - previousTime;
            if (a.Code == 0)
            {
                // A code-0 word with zero interval would read as the end of the file, so WFDB skips to one sample
                // before the annotation and writes it with an interval of 1.
                WriteSkip(output, delta - 1);
                delta = 1;
            }
            else if (delta is > WfdbAnnotationCodes.MaxInterval or < 0)
            {
                WriteSkip(output, delta);
                delta = 0;
            }
            WriteWord(output, (int)delta + (a.Code << 10));
            if (a.Subtype != 0) WriteWord(output, (WfdbAnnotationCodes.Sub << 10) + (a.Subtype & WfdbAnnotationCodes.DataMask));
            if (a.Channel != previousChan) WriteWord(output, (WfdbAnnotationCodes.Chn << 10) + (a.Channel & WfdbAnnotationCodes.DataMask));
            previousChan = a.Channel;
            if (a.Number != previousNum) WriteWord(output, (WfdbAnnotationCodes.Num << 10) + (a.Number & WfdbAnnotationCodes.DataMask));
            previousNum = a.Number;
            if (!string.IsNullOrEmpty(a.Aux)) WriteAux(output, a.Aux);
            previousTime = a.Sample;
        }
        WriteWord(output, 0);
        return output.ToArray();
    }

    /// <summary>
    /// Maps what MIT files cannot hold: codes outside 0..49 become NOTE annotations carrying the original symbol,
    /// subtype, channel and number keep the byte WFDB keeps, and aux text is cut to 255 bytes.
    /// </summary>
    private static Annotation Representable(Annotation a)
    {
        if (a.Code is < 0 or > WfdbAnnotationCodes.MaxCode)
            a = a with { Code = AnnotationCodes.Note, Aux = string.IsNullOrEmpty(a.Aux) ? a.Symbol : $"{a.Symbol} {a.Aux}" };
        return a with { Subtype = (sbyte)a.Subtype, Channel = (byte)a.Channel, Number = (sbyte)a.Number };
    }

    private static void WriteSkip(Stream output, long interval)
    {
        // One SKIP holds a signed 32-bit interval; longer jumps take several.
        while (interval is > int.MaxValue or < int.MinValue)
        {
            var step = interval > 0 ? int.MaxValue : int.MinValue;
            WriteSkipWord(output, step);
            interval -= step;
        }
        WriteSkipWord(output, (int)interval);
    }

    private static void WriteSkipWord(Stream output, int interval)
    {
        WriteWord(output, WfdbAnnotationCodes.Skip << 10);
        WriteWord(output, (int)((uint)interval >> 16));
        WriteWord(output, interval & 0xFFFF);
    }

    private static void WriteAux(Stream output, string aux)
    {
        var bytes = Encoding.UTF8.GetBytes(aux);
        var length = Math.Min(bytes.Length, WfdbAnnotationCodes.MaxAuxBytes);
        // Do not cut a UTF-8 character in half.
        while (length < bytes.Length && length > 0 && (bytes[length] & 0xC0) == 0x80) length--;
        WriteWord(output, (WfdbAnnotationCodes.Aux << 10) + length);
        output.Write(bytes, 0, length);
        if ((length & 1) != 0) output.WriteByte(0);
    }

    private static void WriteWord(Stream output, int word)
    {
        output.WriteByte((byte)word);
        output.WriteByte((byte)(word >> 8));
    }
}
