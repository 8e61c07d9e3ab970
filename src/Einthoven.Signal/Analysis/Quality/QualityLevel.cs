namespace Einthoven.Signal.Analysis.Quality;

/// <summary>How far a segment can be trusted. An inconclusive segment is not interpreted at all.</summary>
public enum QualityLevel
{
    Good,
    Acceptable,
    Inconclusive,
}
