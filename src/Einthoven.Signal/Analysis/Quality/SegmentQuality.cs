namespace Einthoven.Signal.Analysis.Quality;

/// <summary>Quality of one segment <c>[Start, Start + Length)</c>: its level, per lead, and the features behind it.</summary>
public sealed record SegmentQuality(long Start, int Length, QualityLevel Level, string? Reason,
    IReadOnlyList<QualityLevel> LeadLevels, IReadOnlyList<QualityFeatures> LeadFeatures)
{
    public bool Contains(long sample) => sample >= Start && sample < Start + Length;
}
