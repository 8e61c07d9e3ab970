using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Aecg;

/// <summary>
/// Decodes the text of a <c>digits</c> element (whitespace-separated integers) chunk by chunk, so that a lead of
/// millions of samples never becomes one string. A number longer than an <c>int</c> can be, or more samples than
/// <paramref name="maxSamples"/>, stops the decoding with a format error.
/// </summary>
internal sealed class AecgDigits(string path, string field, long maxSamples)
{
    private const int MaxTokenLength = 11; // "-2147483648"
    private readonly char[] _token = new char[MaxTokenLength];
    private int _tokenLength;
    private int[] _values = new int[4096];

    public int Count { get; private set; }

    public void Add(ReadOnlySpan<char> chunk)
    {
        foreach (var c in chunk)
        {
            if (c is ' ' or '\t' or '\n' or '\r')
            {
                Flush();
                continue;
            }
            if (!(char.IsAsciiDigit(c) || c is '-' or '+'))
                throw new SignalFormatException(path, field, $"'{Printable(c)}' in the digits after sample {Count}; digits are whitespace-separated integers");
            if (_tokenLength == MaxTokenLength)
                throw new SignalFormatException(path, field, $"sample {Count} has more than {MaxTokenLength} characters; digits are 32-bit integers");
            _token[_tokenLength++] = c;
        }
    }

    /// <summary>The decoded samples (the last number ends with the element).</summary>
    public int[] Finish()
    {
        Flush();
        return _values.AsSpan(0, Count).ToArray();
    }

    private void Flush()
    {
        if (_tokenLength == 0) return;
        var token = _token.AsSpan(0, _tokenLength);
        _tokenLength = 0;
        if (!int.TryParse(token, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value))
            throw new SignalFormatException(path, field, $"sample {Count} '{token}' is not a 32-bit integer");
        if (Count >= maxSamples)
            throw new SignalFormatException(path, field, $"more than {maxSamples:N0} samples (the most this reader accepts)") { Problem = SignalProblem.TooLarge };
        if (Count == _values.Length) Array.Resize(ref _values, (int)Math.Min(Array.MaxLength, (long)_values.Length * 2));
        _values[Count++] = value;
    }

    private static string Printable(char c) => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString();
}
