namespace Einthoven.Signal.Compression;

/// <summary>Writes bit fields most-significant bit first into a growing byte buffer.</summary>
internal sealed class BitWriter(int capacity)
{
    private byte[] _bytes = new byte[Math.Max(16, capacity)];
    private int _length;
    private ulong _pending;
    private int _pendingBits;

    /// <summary>Appends the low <paramref name="bits"/> (0..32) bits of <paramref name="value"/>.</summary>
    public void Write(uint value, int bits)
    {
        if (bits == 0) return;
        _pending = (_pending << bits) | (value & (uint.MaxValue >> (32 - bits)));
        _pendingBits += bits;
        while (_pendingBits >= 8)
        {
            _pendingBits -= 8;
            Append((byte)(_pending >> _pendingBits));
        }
    }

    /// <summary><paramref name="zeros"/> zero bits then a one (unary code), for zeros below 32.</summary>
    public void WriteUnary(int zeros) => Write(1, zeros + 1);

    public void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            Write((uint)(value & 0x7F) | 0x80, 8);
            value >>= 7;
        }
        Write((uint)value, 8);
    }

    /// <summary>The bytes written so far, the last one padded with zero bits.</summary>
    public byte[] ToArray()
    {
        if (_pendingBits > 0) Write(0, 8 - _pendingBits);
        return _bytes.AsSpan(0, _length).ToArray();
    }

    private void Append(byte b)
    {
        if (_length == _bytes.Length) Array.Resize(ref _bytes, _bytes.Length * 2);
        _bytes[_length++] = b;
    }
}
