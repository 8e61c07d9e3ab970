using System.Numerics;

namespace Einthoven.Signal.Compression;

/// <summary>
/// Lossless codec for one lead's digital samples: a fixed polynomial predictor (order 0-3, the best one for the
/// block), zig-zag residuals and Rice codes with a parameter chosen per partition of 64 residuals. Values that would
/// need a long unary code are escaped and stored raw, so any int sequence round-trips exactly.
/// </summary>
/// <remarks>Layout: varint count, one byte predictor order, then per partition 5 bits of Rice parameter k and the
/// residuals (unary quotient, k remainder bits; a quotient of <see cref="EscapeZeros"/> means 36 raw bits follow).</remarks>
public static class SampleCodec
{
    public const int PartitionSize = 64;
    private const int MaxOrder = 3;
    private const int EscapeZeros = 24;
    private const int RawBits = 36; // a residual of an order-3 predictor of int32 values fits in 35 bits, zig-zagged in 36
    private const int MaxK = 30;

    public static byte[] Encode(ReadOnlySpan<int> samples)
    {
        var order = BestOrder(samples);
        var residuals = new ulong[samples.Length];
        for (var i = 0; i < samples.Length; i++) residuals[i] = ZigZag(samples[i] - Predict(samples, i, Math.Min(order, i)));

        var writer = new BitWriter(samples.Length + 16);
        writer.WriteVarint((ulong)samples.Length);
        writer.Write((uint)order, 8);
        for (var start = 0; start < residuals.Length; start += PartitionSize)
        {
            var part = residuals.AsSpan(start, Math.Min(PartitionSize, residuals.Length - start));
            var k = BestRiceParameter(part);
            writer.Write((uint)k, 5);
            foreach (var u in part)
            {
                var q = u >> k;
                if (q < EscapeZeros)
                {
                    writer.WriteUnary((int)q);
                    writer.Write((uint)u, k);
                }
                else
                {
                    writer.WriteUnary(EscapeZeros);
                    writer.Write((uint)(u >> 32), RawBits - 32);
                    writer.Write((uint)u, 32);
                }
            }
        }
        return writer.ToArray();
    }

    /// <summary>Number of samples in an encoded block.</summary>
    public static int Count(ReadOnlySpan<byte> data)
    {
        var reader = new BitReader(data);
        return CheckedCount(reader.ReadVarint());
    }

    public static int[] Decode(ReadOnlySpan<byte> data)
    {
        var result = new int[Count(data)];
        Decode(data, result);
        return result;
    }

    /// <summary>Decodes into <paramref name="destination"/>, which must hold exactly <see cref="Count"/> samples.</summary>
    public static void Decode(ReadOnlySpan<byte> data, Span<int> destination)
    {
        var reader = new BitReader(data);
        var count = CheckedCount(reader.ReadVarint());
        if (destination.Length != count)
            throw new ArgumentException($"destination holds {destination.Length} samples, the block has {count}", nameof(destination));
        var order = (int)reader.Read(8);
        if (order > MaxOrder) throw new InvalidDataException($"predictor order {order} is not 0-{MaxOrder}");
        var k = 0;
        for (var i = 0; i < count; i++)
        {
            if (i % PartitionSize == 0) k = (int)reader.Read(5);
            var q = reader.ReadUnary(EscapeZeros);
            var u = q < EscapeZeros
                ? ((ulong)q << k) | reader.Read(k)
                : ((ulong)reader.Read(RawBits - 32) << 32) | reader.Read(32);
            var value = Predict(destination, i, Math.Min(order, i)) + UnZigZag(u);
            if (value is < int.MinValue or > int.MaxValue) throw new InvalidDataException($"sample {i} decodes out of range");
            destination[i] = (int)value;
        }
    }

    private static long Predict(ReadOnlySpan<int> x, int i, int order) => order switch
    {
        0 => 0,
        1 => x[i - 1],
        2 => 2L * x[i - 1] - x[i - 2],
        _ => 3L * x[i - 1] - 3L * x[i - 2] + x[i - 3],
    };

    private static int BestOrder(ReadOnlySpan<int> samples)
    {
        var best = 0;
        var bestCost = ulong.MaxValue;
        for (var order = 0; order <= MaxOrder; order++)
        {
            ulong cost = 0;
            for (var i = order; i < samples.Length; i++) cost += (ulong)Math.Abs(samples[i] - Predict(samples, i, order));
            if (cost < bestCost) (best, bestCost) = (order, cost);
        }
        return best;
    }

    private static int BestRiceParameter(ReadOnlySpan<ulong> part)
    {
        ulong sum = 0;
        foreach (var u in part) sum += Math.Min(u, uint.MaxValue);
        var mean = sum / (ulong)part.Length;
        var guess = mean == 0 ? 0 : 63 - BitOperations.LeadingZeroCount(mean);
        var best = 0;
        var bestCost = long.MaxValue;
        for (var k = Math.Max(0, guess - 1); k <= Math.Min(MaxK, guess + 1); k++)
        {
            long cost = 0;
            foreach (var u in part)
            {
                var q = u >> k;
                cost += q < EscapeZeros ? (long)q + 1 + k : EscapeZeros + 1 + RawBits;
            }
            if (cost < bestCost) (best, bestCost) = (k, cost);
        }
        return best;
    }

    private static ulong ZigZag(long r) => (ulong)((r << 1) ^ (r >> 63));

    private static long UnZigZag(ulong u) => (long)(u >> 1) ^ -(long)(u & 1);

    private static int CheckedCount(ulong count) =>
        count <= int.MaxValue ? (int)count : throw new InvalidDataException($"block claims {count} samples");
}
