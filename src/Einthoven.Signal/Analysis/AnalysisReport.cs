using Einthoven.Signal.Analysis.Hrv;
using Einthoven.Signal.Analysis.Measurements;

namespace Einthoven.Signal.Analysis;

/// <summary>
/// The whole-record analysis that the CLI and the server show. Its JSON form (property names as here, camelCase) is a
/// stable contract: add fields, never rename or remove them. Every null means "not measurable here", never zero.
/// <see cref="Rhythm"/> and <see cref="Models"/> are null when only the signal library ran (no trained models).
/// </summary>
public sealed record AnalysisReport(
    string Record,
    double SamplingFrequency,
    double DurationSeconds,
    IReadOnlyList<string> Leads,
    BeatCounts Beats,
    RateSummary? HeartRate,
    TimeDomainHrv? HrvTime,
    FrequencyDomainHrv? HrvFrequency,
    GlobalMeasurements? Intervals,
    QualitySummary Quality,
    PacingSummary Pacing,
    RhythmVerdict? Rhythm = null,
    IReadOnlyList<ModelVersion>? Models = null)
{
    public const string NotAMedicalDevice =
        "Automated interpretation by Einthoven, a decision-support and research tool: not a certified medical device. " +
        "A qualified clinician must confirm every finding.";

    /// <summary>Always <see cref="NotAMedicalDevice"/>: the report carries its own warning wherever it is shown.</summary>
    public string Disclaimer => NotAMedicalDevice;
}

/// <summary>
/// Detected beats, those in interpretable segments, and counts by class: only "detected" from the signal library alone,
/// the AAMI classes N, S, V, F and Q (every one, zeros included) when a beat classifier ran.
/// </summary>
public sealed record BeatCounts(int Detected, int Analysed, IReadOnlyDictionary<string, int> ByClass);

/// <summary>Heart rate from the normal-to-normal intervals, in beats per minute.</summary>
public sealed record RateSummary(double MeanBpm, double MinBpm, double MaxBpm, int NormalToNormalIntervals);

/// <summary>Overall quality, segment counts by level, the lead the rhythm came from and every segment.</summary>
public sealed record QualitySummary(string Overall, int Good, int Acceptable, int Inconclusive, string RhythmLead,
    IReadOnlyList<QualitySegment> Segments);

/// <summary>One quality segment in seconds from the start of the record.</summary>
public sealed record QualitySegment(double StartSeconds, double EndSeconds, string Level, string? Reason);

/// <summary>Paced-rhythm decision and its evidence.</summary>
public sealed record PacingSummary(bool PacedRhythm, double PacedBeatFraction, int SpikeCount);
