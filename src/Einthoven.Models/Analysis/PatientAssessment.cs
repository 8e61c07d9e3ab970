using Einthoven.Signal.Analysis;

namespace Einthoven.Models.Analysis;

/// <summary>How soon a person should act on a recording, from least to most pressing.</summary>
public enum AssessmentUrgency { None, Routine, Repeat, Soon, Urgent }

/// <summary>
/// One sentence for the patient: a text key (<c>assessment.finding.*</c> or <c>assessment.step.*</c>, rendered in the
/// user's language by the web UI from <c>wwwroot/i18n/*/assessment.json</c>), its numeric parameters, and the urgency it
/// carries (camelCase: "none", "routine", "repeat", "soon", "urgent").
/// </summary>
public sealed record AssessmentMessage(string Key, string Urgency, IReadOnlyDictionary<string, double> Params);

/// <summary>
/// A recording's analysis in plain words for the patient: what was found and what to do next, graded by urgency, with
/// the not-a-medical-device notice. <see cref="SuggestBooking"/> is true when the next step is to see a doctor
/// (<c>soon</c> or <c>urgent</c>): the web UI then links to booking an appointment.
/// </summary>
public sealed record PatientAssessment(string Urgency, IReadOnlyList<AssessmentMessage> Findings, IReadOnlyList<AssessmentMessage> Steps,
    bool SuggestBooking, string DisclaimerKey, string Disclaimer)
{
    // The thresholds, in one place (docs/SERVER.md, "Patient assessment"). Rates are the recording's mean NN rate.
    public const double UrgentFastBpm = 150, UrgentSlowBpm = 40, FastBpm = 100, SlowBpm = 50;
    public const double LongQtcMs = 480, BorderlineQtcMs = 460, WideQrsMs = 120;
    /// <summary>Shares of the analysed beats: ventricular beats from which the case is urgent, ectopic beats from which it is frequent, and from which they are mentioned at all.</summary>
    public const double UrgentVentricularShare = 0.30, FrequentEctopyShare = 0.10, OccasionalEctopyShare = 0.01;
    /// <summary>The PTB-XL diagnostic superclasses that, present, call for a doctor soon.</summary>
    public static readonly IReadOnlyList<string> SoonStatements = ["MI", "STTC", "CD", "HYP"];

    /// <summary>The assessment of a report (the rules only read it).</summary>
    public static PatientAssessment Of(AnalysisReport report)
    {
        var findings = new List<AssessmentMessage>();
        void Add(string key, AssessmentUrgency urgency, params (string Name, double Value)[] values) =>
            findings.Add(new($"assessment.finding.{key}", Name(urgency), values.ToDictionary(v => v.Name, v => Math.Round(v.Value, 1))));

        var unreadable = report.Quality.Overall == "inconclusive" || report.HeartRate is null && report.Rhythm?.Label is null or RhythmVerdict.Inconclusive;
        if (unreadable) Add("unreadable", AssessmentUrgency.Repeat);
        else if (report.Rhythm?.Label == RhythmVerdict.Inconclusive) Add("rhythmUnclear", AssessmentUrgency.Repeat);

        if (report.HeartRate is { } rate)
        {
            var bpm = rate.MeanBpm;
            if (bpm >= UrgentFastBpm) Add("veryFastRate", AssessmentUrgency.Urgent, ("bpm", bpm));
            else if (bpm <= UrgentSlowBpm) Add("verySlowRate", AssessmentUrgency.Urgent, ("bpm", bpm));
            else if (bpm > FastBpm) Add("fastRate", AssessmentUrgency.Soon, ("bpm", bpm));
            else if (bpm < SlowBpm) Add("slowRate", AssessmentUrgency.Routine, ("bpm", bpm));
        }

        var paced = report.Pacing.PacedRhythm || report.Pacemaker?.Paced == true;
        var afByStatement = Present(report, "AFIB");
        if (report.Rhythm?.Label == RhythmVerdict.AtrialFibrillation || afByStatement)
        {
            if (report.Rhythm is { Label: RhythmVerdict.AtrialFibrillation, AfBurden: { } burden and < 1 }) Add("atrialFibrillationPart", AssessmentUrgency.Soon, ("percent", burden * 100));
            else Add("atrialFibrillation", AssessmentUrgency.Soon);
        }
        else if (report.Rhythm?.Label == RhythmVerdict.Other && !paced) Add("otherRhythm", AssessmentUrgency.Routine);

        var analysed = report.Beats.Analysed;
        if (analysed > 0)
        {
            double Share(string symbol) => report.Beats.ByClass.GetValueOrDefault(symbol) / (double)analysed;
            var v = Share("V");
            var s = Share("S");
            if (v >= UrgentVentricularShare) Add("manyVentricularBeats", AssessmentUrgency.Urgent, ("percent", v * 100));
            else if (v >= FrequentEctopyShare) Add("frequentVentricularBeats", AssessmentUrgency.Soon, ("percent", v * 100));
            else if (v >= OccasionalEctopyShare) Add("someVentricularBeats", AssessmentUrgency.Routine, ("percent", v * 100));
            if (s >= FrequentEctopyShare) Add("frequentAtrialBeats", AssessmentUrgency.Soon, ("percent", s * 100));
            else if (s >= OccasionalEctopyShare) Add("someAtrialBeats", AssessmentUrgency.Routine, ("percent", s * 100));
        }

        if (report.Intervals is { } intervals && !paced)
        {
            if (intervals.QtcBazettMs is { } qtc && qtc >= LongQtcMs) Add("longQtc", AssessmentUrgency.Soon, ("ms", qtc));
            else if (intervals.QtcBazettMs is { } borderline && borderline >= BorderlineQtcMs) Add("borderlineQtc", AssessmentUrgency.Routine, ("ms", borderline));
            if (intervals.QrsMs >= WideQrsMs) Add("wideQrs", AssessmentUrgency.Routine, ("ms", intervals.QrsMs));
        }

        foreach (var code in SoonStatements.Where(c => Present(report, c))) Add($"statement{Pascal(code)}", AssessmentUrgency.Soon);
        if (paced) Add("paced", AssessmentUrgency.Routine);

        var urgency = findings.Count == 0 ? AssessmentUrgency.None : findings.Max(f => Parse(f.Urgency));
        if (findings.Count == 0) Add("normal", AssessmentUrgency.None);

        var steps = new List<AssessmentMessage>();
        void Step(string key, AssessmentUrgency u) => steps.Add(new($"assessment.step.{key}", Name(u), new Dictionary<string, double>()));
        // A recording that could not be read is recorded again, whatever else was found in what could be read.
        var repeat = findings.Any(f => f.Urgency == Name(AssessmentUrgency.Repeat));
        if (urgency == AssessmentUrgency.Urgent) Step("urgent", AssessmentUrgency.Urgent);
        else if (urgency == AssessmentUrgency.Soon) Step("soon", AssessmentUrgency.Soon);
        else if (!repeat) Step(urgency == AssessmentUrgency.Routine ? "routine" : "none", urgency);
        if (repeat)
        {
            Step("repeat", AssessmentUrgency.Repeat);
            Step("repeatHow", AssessmentUrgency.Repeat);
        }
        Step("emergency", AssessmentUrgency.None);
        return new PatientAssessment(Name(urgency), findings, steps, urgency >= AssessmentUrgency.Soon, "assessment.notMedicalDevice", RecordMeasurements.NotAMedicalDevice);
    }

    private static bool Present(AnalysisReport report, string code) => report.Statements?.Statements.Any(s => s.Code == code && s.Present) == true;

    private static string Pascal(string code) => code[..1] + code[1..].ToLowerInvariant();

    public static string Name(AssessmentUrgency urgency) => urgency.ToString().ToLowerInvariant();

    private static AssessmentUrgency Parse(string name) => Enum.Parse<AssessmentUrgency>(name, ignoreCase: true);
}
