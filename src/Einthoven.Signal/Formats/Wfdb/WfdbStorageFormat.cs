namespace Einthoven.Signal.Formats.Wfdb;

/// <summary>
/// Facts about one WFDB signal storage format: how samples pack into byte groups, the range of values it stores
/// and the raw value it reserves for "no sample".
/// </summary>
internal sealed class WfdbStorageFormat
{
    private static readonly Dictionary<int, WfdbStorageFormat> ByCode = new()
    {
        [0] = new(0, 1, 0, 0, 0, WfdbDefaults.AdcResolution),
        [8] = new(8, 1, 1, int.MinValue, int.MaxValue, WfdbDefaults.AdcResolution),
        [16] = new(16, 1, 2, short.MinValue, short.MaxValue, WfdbDefaults.AdcResolution),
        [61] = new(61, 1, 2, short.MinValue, short.MaxValue, WfdbDefaults.AdcResolution),
        [80] = new(80, 1, 1, sbyte.MinValue, sbyte.MaxValue, 8),
        [160] = new(160, 1, 2, short.MinValue, short.MaxValue, 16),
        [212] = new(212, 2, 3, -2048, 2047, 12),
        [310] = new(310, 3, 4, -512, 511, 10),
        [311] = new(311, 3, 4, -512, 511, 10),
        [24] = new(24, 1, 3, -8388608, 8388607, WfdbDefaults.AdcResolution),
        [32] = new(32, 1, 4, int.MinValue, int.MaxValue, WfdbDefaults.AdcResolution),
    };

    private WfdbStorageFormat(int code, int groupSamples, int groupBytes, int min, int max, int defaultResolution)
    {
        Code = code;
        GroupSamples = groupSamples;
        GroupBytes = groupBytes;
        RawMin = min;
        RawMax = max;
        DefaultResolution = defaultResolution;
    }

    public static IEnumerable<int> Codes => ByCode.Keys.Where(c => c != 0);

    public int Code { get; }
    /// <summary>Samples packed together in one byte group (2 for 212, 3 for 310 and 311).</summary>
    public int GroupSamples { get; }
    public int GroupBytes { get; }
    public int RawMin { get; }
    public int RawMax { get; }
    /// <summary>ADC resolution WFDB assumes when the header leaves it out.</summary>
    public int DefaultResolution { get; }

    public bool IsNull => Code == 0;
    public bool IsDifference => Code == 8;

    /// <summary>
    /// The raw value that marks an invalid sample, read as <see cref="WfdbDefaults.InvalidSample"/> (the lowest value
    /// of the format; format 8 has none).
    /// </summary>
    public int InvalidRaw => IsDifference || IsNull ? WfdbDefaults.InvalidSample : RawMin;

    public static bool TryGet(int code, out WfdbStorageFormat format) => ByCode.TryGetValue(code, out format!);

    public static WfdbStorageFormat Get(int code) =>
        ByCode.TryGetValue(code, out var f) ? f : throw new ArgumentOutOfRangeException(nameof(code), code, "unknown WFDB format");

    /// <summary>True when <paramref name="value"/> can be written: valid values, and the invalid-sample marker.</summary>
    public bool CanStore(int value) =>
        value == WfdbDefaults.InvalidSample || (value > RawMin && value <= RawMax) || (IsDifference && value == RawMin);

    /// <summary>Bytes WFDB writes for <paramref name="samples"/> samples starting at a group boundary.</summary>
    public long BytesFor(long samples)
    {
        var full = samples / GroupSamples;
        var rest = samples % GroupSamples;
        // WFDB flushes one leftover 212/310/311 sample as 2 bytes and two leftover 310/311 samples as 4.
        var tail = rest == 0 ? 0 : rest == 1 ? 2 : GroupBytes;
        return full * GroupBytes + tail;
    }

    /// <summary>Whole samples held by <paramref name="bytes"/> bytes that start at a group boundary.</summary>
    public long SamplesIn(long bytes)
    {
        if (GroupBytes == 0) return long.MaxValue;
        var samples = bytes / GroupBytes * GroupSamples;
        if (GroupSamples > 1 && bytes % GroupBytes >= 2) samples++;
        return samples;
    }
}
