namespace Einthoven.Signal.Analysis.Detection;

/// <summary>
/// An energy peak waiting for its decision: where it peaked, its RMS slope level, where its R peak lies and its
/// steepest slope.
/// </summary>
internal readonly record struct QrsCandidate(long Peak, double Level, long RPeak, double Slope);
