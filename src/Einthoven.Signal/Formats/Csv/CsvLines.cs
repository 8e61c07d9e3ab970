using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Csv;

/// <summary>
/// Reads a text file line by line as UTF-8 bytes, keeping each line's byte offset and number, so that a reader can
/// later seek straight back to any line.
/// </summary>
internal sealed class CsvLines
{
    private const int MaxLineBytes = 1 << 20;

    private readonly Stream _stream;
    private readonly string _file;
    private byte[] _buffer = new byte[1 << 16];
    private int _start, _end;
    private long _bufferOffset;

    /// <param name="lineNumber">Number (1-based) of the line at <paramref name="offset"/>.</param>
    public CsvLines(Stream stream, string file, long offset = 0, long lineNumber = 1)
    {
        _stream = stream;
        _file = file;
        _stream.Position = offset;
        _bufferOffset = offset;
        NextNumber = lineNumber;
    }

    /// <summary>Byte offset of the line the next <see cref="TryRead"/> returns.</summary>
    public long NextOffset => _bufferOffset + _start;

    /// <summary>1-based number of the line the next <see cref="TryRead"/> returns.</summary>
    public long NextNumber { get; private set; }

    /// <summary>The next line without its end-of-line bytes; valid until the next call.</summary>
    public bool TryRead(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = Trim(_buffer.AsSpan(_start, newline));
                _start += newline + 1;
                NextNumber++;
                return true;
            }
            if (!Fill())
            {
                if (_start == _end) { line = default; return false; }
                line = Trim(_buffer.AsSpan(_start, _end - _start));
                _start = _end;
                NextNumber++;
                return true;
            }
        }
    }

    /// <summary>Reads more bytes; false at the end of the file.</summary>
    private bool Fill()
    {
        if (_start > 0)
        {
            Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
            _bufferOffset += _start;
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxLineBytes)
                throw new SignalFormatException(_file, $"line {NextNumber}", $"is longer than {MaxLineBytes} bytes; this is not a CSV of samples");
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        var n = _stream.Read(_buffer, _end, _buffer.Length - _end);
        _end += n;
        return n > 0;
    }

    /// <summary>Length of the UTF-8 byte-order mark some spreadsheet programs put at the start (0 or 3).</summary>
    public static int BomLength(Stream stream)
    {
        Span<byte> head = stackalloc byte[3];
        stream.Position = 0;
        var n = stream.ReadAtLeast(head, 3, throwOnEndOfStream: false);
        stream.Position = 0;
        return n == 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF ? 3 : 0;
    }

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == '\r' ? line[..^1] : line;
}
