namespace Einthoven.Signal.Analysis.Pacing;

/// <summary>
/// Thresholds of pacing-spike detection. Above 200 Hz a stimulus survives as a peak a few samples wide; at lower
/// rates (e.g. PTB-XL's 100 Hz) little of it is left and sharp QRS notches look alike, so a spike must be sharper and
/// seen on several leads at once (a stimulus reaches every lead, a notch does not).
/// </summary>
public sealed record PacingOptions
{
    /// <summary>Smallest slope (mV/s) at the short scale.</summary>
    public double MinSlope { get; init; } = 20;

    /// <summary>How much steeper the short scale must be than the long one.</summary>
    public double MinSharpness { get; init; } = 1.8;

    /// <summary>On how many leads a spike must appear within 20 ms (capped at the number of leads).</summary>
    public int MinLeads { get; init; } = 1;

    /// <summary>Looser thresholds for the ventricular-paced morphology below 200 Hz, where other evidence must agree.</summary>
    public static PacingOptions Relaxed(int leadCount) => new() { MinSlope = 10, MinSharpness = 1.5, MinLeads = Math.Min(leadCount, 2) };

    public static PacingOptions For(double fs, int leadCount) => fs >= 200
        ? new PacingOptions()
        : new PacingOptions { MinSharpness = 2.2, MinLeads = Math.Min(leadCount, 3) };
}
