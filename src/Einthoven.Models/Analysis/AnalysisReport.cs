using System.Text.Json;
using System.Text.Json.Serialization;
using Einthoven.Models.Beats;
using Einthoven.Models.Pacemaker;
using Einthoven.Signal.Analysis;
using Einthoven.Signal.Analysis.Hrv;
using Einthoven.Signal.Analysis.Measurements;

namespace Einthoven.Models.Analysis;

/// <summary>
/// The whole-record analysis that the CLI and the server show: the signal library's <see cref="RecordMeasurements"/>
/// with the beat classifier's AAMI classes, the rhythm verdict and the models that made them. Its JSON form
/// (<see cref="Json"/>: property names as here, camelCase) is a stable contract, stored by the server: add fields,
/// never rename or remove them. Every null means "not measurable here", never zero, and <see cref="NotMeasured"/> says
/// why, by the JSON name of the missing value (<see cref="Signal.Analysis.NotMeasured"/>; null in summaries stored
/// before 2026-12-07). <see cref="Rhythm"/> and <see cref="Models"/> are null only in summaries stored before the
/// models ran; <see cref="Pacemaker"/> (the pacemaker detector's verdict and probability) is null in summaries stored
/// before it shipped. <see cref="Statements"/>, the 12-lead model's statements, is null for records it cannot read (the
/// reason is under "statements" in <see cref="NotMeasured"/>) and in summaries stored before it existed.
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
    IReadOnlyList<ModelVersion>? Models = null,
    IReadOnlyDictionary<string, string>? NotMeasured = null,
    PacemakerVerdict? Pacemaker = null,
    TwelveLead.TwelveLeadPrediction? Statements = null)
{
    /// <summary>The JSON form: camelCase, compact, NaN and infinities as strings.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Always <see cref="RecordMeasurements.NotAMedicalDevice"/>: the report carries its own warning wherever it is shown.</summary>
    public string Disclaimer => RecordMeasurements.NotAMedicalDevice;

    /// <summary>
    /// The measurements with every beat counted by AAMI class (all five, zeros included), the verdict and the models;
    /// the intervals as the rhythm allows them (<see cref="RhythmContext"/>).
    /// </summary>
    public static AnalysisReport Of(RecordMeasurements m, IReadOnlyList<ClassifiedBeat> beats, RhythmVerdict rhythm, IReadOnlyList<ModelVersion> models,
        PacemakerVerdict? pacemaker = null)
    {
        var (intervals, notMeasured) = RhythmContext.Apply(m, rhythm);
        return new(m.Record, m.SamplingFrequency, m.DurationSeconds, m.Leads,
            new BeatCounts(m.DetectedBeats, m.AnalysedBeats, AamiMapping.Classes.ToDictionary(AamiMapping.Symbol, c => beats.Count(b => b.Class == c))),
            m.HeartRate, m.HrvTime, m.HrvFrequency, intervals, m.Quality, m.Pacing, rhythm, models, notMeasured, pacemaker);
    }

    /// <summary>
    /// A report from its JSON, as stored by any version: fields added since are null, fields it does not know are skipped.
    /// Throws <see cref="JsonException"/> on text that is not a report (one without the fields every version wrote).
    /// </summary>
    public static AnalysisReport Parse(string json)
    {
        var report = JsonSerializer.Deserialize<AnalysisReport>(json, Json);
        // The deserializer leaves a missing constructor argument null, whatever its type says.
        return report is { Record: not null, Leads: not null, Beats.ByClass: not null, Quality.Segments: not null, Pacing: not null } ? report
            : throw new JsonException("not an analysis report: record, leads, beats, quality or pacing is missing");
    }
}

/// <summary>
/// Detected beats, those in interpretable segments, and counts by class: the AAMI classes N, S, V, F and Q (every one,
/// zeros included); summaries stored before the beat classifier ran have only "detected".
/// </summary>
public sealed record BeatCounts(int Detected, int Analysed, IReadOnlyDictionary<string, int> ByClass);
