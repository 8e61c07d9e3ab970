namespace Einthoven.Imaging.Digitizing;

/// <summary>What the digitiser returns: the sampling rate of the record it builds.</summary>
public sealed record DigitizeOptions
{
    /// <summary>Samples per second of the returned record (any rate from 50 to 2,000 Hz).</summary>
    public double SamplingRate { get; init; } = 500;

    /// <summary>Name given to the returned record.</summary>
    public string RecordName { get; init; } = "digitized";
}
