namespace Einthoven.Signal.Formats.Wfdb;

/// <summary>
/// The contents of a WFDB header (.hea) file, field for field as PhysioNet's header(5) describes them. A master
/// header of a multi-segment record has <see cref="Segments"/> and no signals of its own.
/// </summary>
public sealed record WfdbHeader
{
    public required string RecordName { get; init; }
    /// <summary>Frames per second (the sampling frequency of signals with one sample per frame).</summary>
    public double SamplingFrequency { get; init; } = WfdbDefaults.SamplingFrequency;
    /// <summary>Counter frequency, when the header gives one that differs from the frame frequency.</summary>
    public double? CounterFrequency { get; init; }
    public double BaseCounter { get; init; }
    /// <summary>Frames per signal; 0 when the header does not say (the data files decide).</summary>
    public long SampleCount { get; init; }
    public TimeOnly? BaseTime { get; init; }
    public DateOnly? BaseDate { get; init; }
    public IReadOnlyList<WfdbSignalSpec> Signals { get; init; } = [];
    /// <summary>Number of signals the record line announces (for a master header, the signals of its segments).</summary>
    public int SignalCount { get; init; }
    /// <summary>Segments of a multi-segment record, in order; null for an ordinary record.</summary>
    public IReadOnlyList<WfdbSegment>? Segments { get; init; }
    /// <summary>Comment lines in order, without the leading '#' and one following space.</summary>
    public IReadOnlyList<string> Comments { get; init; } = [];

    public bool IsMultiSegment => Segments is not null;
}

/// <summary>One signal specification line of a header.</summary>
public sealed record WfdbSignalSpec
{
    public required string FileName { get; init; }
    /// <summary>Storage format code (8, 16, 61, 80, 160, 212, 310, 311, 24, 32; 0 for a null signal).</summary>
    public required int Format { get; init; }
    public int SamplesPerFrame { get; init; } = 1;
    /// <summary>Skew in samples, as written in the header.</summary>
    public int Skew { get; init; }
    /// <summary>Bytes to skip at the start of the signal file (a prolog such as a MATLAB header).</summary>
    public long ByteOffset { get; init; }
    /// <summary>ADC units per physical unit as written; 0 means uncalibrated (read as the default 200).</summary>
    public double Gain { get; init; }
    public int Baseline { get; init; }
    public string Units { get; init; } = WfdbDefaults.Units;
    public int AdcResolution { get; init; } = WfdbDefaults.AdcResolution;
    public int AdcZero { get; init; }
    public int InitialValue { get; init; }
    /// <summary>16-bit sum of all samples, when the header gives one.</summary>
    public int? Checksum { get; init; }
    public int BlockSize { get; init; }
    public required string Description { get; init; }

    public double EffectiveGain => Gain == 0 ? WfdbDefaults.Gain : Gain;

    public bool IsNull => Format == 0;
}

/// <summary>A segment of a multi-segment record: the name of its header ("~" for a gap) and its length in frames.</summary>
public readonly record struct WfdbSegment(string Name, long Length)
{
    public const string GapName = "~";

    public bool IsGap => Name == GapName;
}

/// <summary>Values the WFDB library assumes when a header leaves a field out.</summary>
public static class WfdbDefaults
{
    public const double SamplingFrequency = 250;
    public const double Gain = 200;
    public const string Units = "mV";
    public const int AdcResolution = 12;
    /// <summary>WFDB_INVALID_SAMPLE: the digital value of a missing sample in every format.</summary>
    public const int InvalidSample = -32768;
}
