using System.Buffers.Binary;
using Einthoven.TestSupport;

namespace Einthoven.Signal.Tests.Wfdb;

/// <summary>A temp folder in which tests write small WFDB records by hand: header text and raw signal bytes.</summary>
internal sealed class Fixture
{
    public string Folder { get; } = TestData.TempDir();

    public string Path(string name) => System.IO.Path.Combine(Folder, name);

    public Fixture Text(string name, string text)
    {
        File.WriteAllText(Path(name), text);
        return this;
    }

    public Fixture Bytes(string name, byte[] bytes)
    {
        File.WriteAllBytes(Path(name), bytes);
        return this;
    }

    /// <summary>Values as 16-bit little-endian words after <paramref name="prolog"/> bytes of 0xEE.</summary>
    public Fixture Format16(string name, int[] values, int prolog = 0)
    {
        var bytes = new byte[prolog + 2 * values.Length];
        bytes.AsSpan(0, prolog).Fill(0xEE);
        for (var i = 0; i < values.Length; i++) BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(prolog + 2 * i), (short)values[i]);
        return Bytes(name, bytes);
    }

    /// <summary>The checksum field WFDB writes: the 16-bit sum of the values.</summary>
    public static short Checksum(IEnumerable<int> values) => (short)values.Sum(v => (long)v);
}
