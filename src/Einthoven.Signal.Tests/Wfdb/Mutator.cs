using System.Text;

namespace Einthoven.Signal.Tests.Wfdb;

/// <summary>Deterministic random damage to file contents: bit flips, truncation, inserted garbage, absurd numbers.</summary>
internal sealed class Mutator(int seed)
{
    private static readonly string[] AbsurdNumbers =
        ["0", "-1", "2147483647", "2147483648", "-2147483649", "1000000000000000", "99999999999999999999", "1e308", "NaN", "-0", "1000000", "65536"];

    private readonly Random _random = new(seed);

    public byte[] Bytes(byte[] original)
    {
        var data = new List<byte>(original);
        var edits = _random.Next(1, 4);
        for (var e = 0; e < edits && data.Count > 0; e++)
        {
            switch (_random.Next(4))
            {
                case 0:
                    var at = _random.Next(data.Count);
                    data[at] ^= (byte)(1 << _random.Next(8));
                    break;
                case 1:
                    var cut = _random.Next(data.Count);
                    data.RemoveRange(cut, data.Count - cut);
                    break;
                case 2:
                    var garbage = new byte[_random.Next(1, 9)];
                    _random.NextBytes(garbage);
                    data.InsertRange(_random.Next(data.Count + 1), garbage);
                    break;
                default:
                    data[_random.Next(data.Count)] = (byte)_random.Next(256);
                    break;
            }
        }
        return data.ToArray();
    }

    public string Text(string original)
    {
        if (_random.Next(3) > 0) return Encoding.UTF8.GetString(Bytes(Encoding.UTF8.GetBytes(original)));
        // Replace one numeric token with an absurd value.
        var tokens = original.Split(' ');
        var numeric = Enumerable.Range(0, tokens.Length).Where(i => tokens[i].Length > 0 && char.IsAsciiDigit(tokens[i][0])).ToArray();
        if (numeric.Length == 0) return original;
        tokens[numeric[_random.Next(numeric.Length)]] = AbsurdNumbers[_random.Next(AbsurdNumbers.Length)];
        return string.Join(' ', tokens);
    }
}
