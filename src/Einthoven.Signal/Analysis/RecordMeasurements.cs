using Einthoven.Signal.Analysis.Beats;
using Einthoven.Signal.Analysis.Hrv;
using Einthoven.Signal.Analysis.Measurements;
using Einthoven.Signal.Analysis.Quality;

namespace Einthoven.Signal.Analysis;

/// <summary>
/// What the signal library measures on a whole record (<see cref="RecordAnalyzer"/>): beats detected and in interpretable
/// segments, rate, HRV, median-beat intervals and axes, quality and pacing. Every null means "not measurable here",
/// never zero, and <see cref="NotMeasured"/> says why (keys and reasons: <see cref="Analysis.NotMeasured"/>). The trained models add beat classes and the rhythm verdict to it in Einthoven.Models' AnalysisReport,
/// whose JSON carries these records as they are.
/// </summary>
public sealed record RecordMeasurements(
    string Record,
    double SamplingFrequency,
    double DurationSeconds,
    IReadOnlyList<string> Leads,
    int DetectedBeats,
    int AnalysedBeats,
    RateSummary? HeartRate,
    TimeDomainHrv? HrvTime,
    FrequencyDomainHrv? HrvFrequency,
    GlobalMeasurements? Intervals,
    QualitySummary Quality,
    PacingSummary Pacing,
    IReadOnlyDictionary<string, string> NotMeasured)
{
    public const string NotAMedicalDevice =
        "Automated interpretation by Einthoven, a decision-support and research tool: not a certified medical device. " +
        "A qualified clinician must confirm every finding.";

    /// <summary>Always <see cref="NotAMedicalDevice"/>: quality and pacing are interpretations too.</summary>
    public string Disclaimer => NotAMedicalDevice;
}

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

/// <summary>
/// Paced-rhythm decision and its evidence. <see cref="SpikeCount"/> counts only the spikes that pace a beat (a spike
/// 25-250 ms before an R peak) in a record judged paced, and is 0 otherwise: a sharp deflection outside paced rhythm
/// is an artefact or a notch, not a stimulus. (Summaries stored before 2026-12-07 counted every spike candidate.)
/// </summary>
public sealed record PacingSummary(bool PacedRhythm, double PacedBeatFraction, int SpikeCount);
