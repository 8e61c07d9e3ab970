namespace Einthoven.Signal.Analysis.Pacing;

/// <summary>A pacing-spike candidate: its sample, lead, and slope (mV/s) at the shortest scale.</summary>
public readonly record struct PacingSpike(long Sample, int Lead, double Slope);
