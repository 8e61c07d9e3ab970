using System.Numerics;

namespace Einthoven.Signal.Compression;

/// <summary>Reads what <see cref="BitWriter"/> wrote; running past the end throws <see cref="InvalidDataException"/>.</summary>
internal ref struct BitReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;
    private ulong _buffer; // left-aligned: the next bit is bit 63
    private int _bits;

    public uint Read(int bits)
    {
        if (bits == 0) return 0;
        Need(bits);
        var value = (uint)(_buffer >> (64 - bits));
        _buffer <<= bits;
        _bits -= bits;
        return value;
    }

    /// <summary>The next <paramref name="bits"/> (1..32) bits without consuming them; zero bits past the end.</summary>
    public uint Peek(int bits)
    {
        if (_bits < bits) Refill();
        return (uint)(_buffer >> (64 - bits));
    }

    /// <summary>Consumes <paramref name="bits"/> bits already looked at with <see cref="Peek"/>.</summary>
    public void Skip(int bits)
    {
        if (_bits < bits) throw new InvalidDataException($"encoded data ends early (byte {_position} of {_data.Length})");
        _buffer <<= bits;
        _bits -= bits;
    }

    /// <summary>Counts zero bits up to the next one bit and consumes them all; gives up past <paramref name="limit"/> zeros.</summary>
    public int ReadUnary(int limit)
    {
        Refill();
        var zeros = BitOperations.LeadingZeroCount(_buffer);
        if (zeros >= _bits || zeros > limit)
            throw new InvalidDataException($"corrupt unary code at byte {_position}");
        _buffer <<= zeros + 1;
        _bits -= zeros + 1;
        return zeros;
    }

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = Read(8);
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
        throw new InvalidDataException("varint longer than 64 bits");
    }

    private void Need(int bits)
    {
        if (_bits < bits) Refill();
        if (_bits < bits) throw new InvalidDataException($"encoded data ends early (byte {_position} of {_data.Length})");
    }

    private void Refill()
    {
        while (_bits <= 56 && _position < _data.Length)
        {
            _buffer |= (ulong)_data[_position++] << (56 - _bits);
            _bits += 8;
        }
    }
}
