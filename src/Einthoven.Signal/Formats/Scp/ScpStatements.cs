using System.Buffers.Binary;
using System.Text;
using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Scp;

/// <summary>
/// Section 8, the interpretation: confirmation flag, date and time, then numbered statements of free text. They are
/// kept as comments ("interpretation: …").
/// </summary>
internal static class ScpStatements
{
    private const int FixedLength = 9;

    public static IEnumerable<string> Parse(ReadOnlySpan<byte> body, string path)
    {
        if (body.Length < FixedLength) throw new SignalFormatException(path, "section 8", $"{body.Length} bytes, the header has {FixedLength}");
        int count = body[8];
        var statements = new List<string>();
        var at = FixedLength;
        for (var i = 0; i < count; i++)
        {
            if (at + 3 > body.Length) throw new SignalFormatException(path, $"section 8 statement {i + 1}", "the section ends before it");
            var length = BinaryPrimitives.ReadUInt16LittleEndian(body[(at + 1)..]);
            if (at + 3 + length > body.Length)
                throw new SignalFormatException(path, $"section 8 statement {i + 1}", $"{length} bytes run past the section's end");
            var text = Encoding.Latin1.GetString(body.Slice(at + 3, length)).Replace('\0', ' ').Trim();
            if (text.Length > 0) statements.Add("interpretation: " + text);
            at += 3 + length;
        }
        return statements;
    }
}
