using System.Text;
using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Wfdb;

/// <summary>Reads and writes .hea files.</summary>
public static class WfdbHeaderFile
{
    /// <summary>Far beyond any real header (a 1000-segment master header is ~20 kB); larger files are not headers.</summary>
    public const long MaxBytes = 16 << 20;

    public static WfdbHeader Read(string path)
    {
        FileInfo info = new(path);
        if (!info.Exists) throw new SignalFormatException(path, "header", "not found") { Problem = SignalProblem.MissingData };
        if (info.Length > MaxBytes)
            throw new SignalFormatException(path, "header", $"{info.Length} bytes is too large for a WFDB header") { Problem = SignalProblem.TooLarge };
        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SignalFormatException(path, "header", e.Message, e);
        }
        return Parse(text, path);
    }

    /// <summary>Parses header text; <paramref name="file"/> names the source in error messages.</summary>
    public static WfdbHeader Parse(string text, string file) => WfdbHeaderParser.Parse(text, file);

    public static string Format(WfdbHeader header) => WfdbHeaderWriter.Format(header);

    /// <summary>
    /// The bytes a signal file in storage format <paramref name="format"/> takes for <paramref name="samples"/> samples
    /// (of all its signals, interleaved), so that a server can check a header's claims against a file's length before
    /// reading it; null for a format this library does not read.
    /// </summary>
    public static long? BytesFor(int format, long samples) => WfdbStorageFormat.TryGet(format, out var f) ? f.BytesFor(samples) : null;

    public static void Write(string path, WfdbHeader header)
    {
        try
        {
            File.WriteAllText(path, Format(header), new UTF8Encoding(false));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SignalFormatException(path, "header", e.Message, e);
        }
    }
}
