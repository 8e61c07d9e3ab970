using Einthoven.Signal.Analysis.Beats;
using Einthoven.Signal.Analysis.Hrv;
using Einthoven.Signal.Analysis.Measurements;
using Einthoven.Signal.Analysis.Quality;

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
public sealed record RateSummary(double MeanBpm, double MinBpm, double MaxBpm, int NormalToNormalIntervals)
{
    /// <summary>The rate of an RR series, or null when it has no NN interval.</summary>
    public static RateSummary? From(RrSeries rr) =>
        HeartRate.From(rr) is { } hr ? new RateSummary(hr.Mean, hr.Min, hr.Max, hr.Instantaneous.Length) : null;
}

/// <summary>Overall quality, segment counts by level, the lead the rhythm came from and every segment.</summary>
public sealed record QualitySummary(string Overall, int Good, int Acceptable, int Inconclusive, string RhythmLead,
    IReadOnlyList<QualitySegment> Segments)
{
    /// <summary>
    /// The summary of these segments: counts by level, and overall inconclusive when no segment is good or acceptable,
    /// good when the good ones are at least as many as the others, else acceptable.
    /// </summary>
    public static QualitySummary Of(string rhythmLead, IReadOnlyList<QualitySegment> segments)
    {
        int Count(QualityLevel level) => segments.Count(s => s.Level == Label(level));
        int good = Count(QualityLevel.Good), acceptable = Count(QualityLevel.Acceptable), inconclusive = Count(QualityLevel.Inconclusive);
        var overall = good + acceptable == 0 ? QualityLevel.Inconclusive
            : good >= acceptable + inconclusive ? QualityLevel.Good
            : QualityLevel.Acceptable;
        return new QualitySummary(Label(overall), good, acceptable, inconclusive, rhythmLead, segments);
    }

    /// <summary>How a level is written in the report: "good", "acceptable" or "inconclusive".</summary>
    public static string Label(QualityLevel level) => level.ToString().ToLowerInvariant();
}

/// <summary>One quality segment in seconds from the start of the record.</summary>
public sealed record QualitySegment(double StartSeconds, double EndSeconds, string Level, string? Reason);

/// <summary>Paced-rhythm decision and its evidence.</summary>
public sealed record PacingSummary(bool PacedRhythm, double PacedBeatFraction, int SpikeCount);
