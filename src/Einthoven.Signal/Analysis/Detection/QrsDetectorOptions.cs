namespace Einthoven.Signal.Analysis.Detection;

/// <summary>Settings of the QRS detector; the defaults are the ones evaluated on MIT-BIH (docs/BENCHMARKS.md).</summary>
public sealed record QrsDetectorOptions
{
    public static readonly QrsDetectorOptions Default = new();

    /// <summary>QRS band, Hz.</summary>
    public double LowHz { get; init; } = 5;
    public double HighHz { get; init; } = 15;
    /// <summary>Length of the slope-energy integration window, s.</summary>
    public double IntegrationSeconds { get; init; } = 0.12;
    /// <summary>A candidate must be the largest energy peak for this long after it before it is decided, s.</summary>
    public double LookaheadSeconds { get; init; } = 0.2;
    /// <summary>Every beat is reported at most this long after its R peak (after the learning period), s.</summary>
    public double MaxDelaySeconds { get; init; } = 0.3;
    /// <summary>No second beat within this time of a beat, s.</summary>
    public double RefractorySeconds { get; init; } = 0.2;
    /// <summary>Candidates closer than this to the previous beat must have a QRS-like slope (T-wave check), s.</summary>
    public double TWaveSeconds { get; init; } = 0.36;
    /// <summary>Scales the threshold between the noise and QRS levels: below 1 finds more beats and more noise.</summary>
    public double ThresholdScale { get; init; } = 0.75;
    /// <summary>Smallest RMS slope over the integration window that can be a QRS, mV/s: keeps a flat line from producing beats.</summary>
    public double MinimumSlope { get; init; } = 1;
}
