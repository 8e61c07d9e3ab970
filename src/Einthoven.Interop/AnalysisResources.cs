using Einthoven.Models.Analysis;
using Hl7.Fhir.Model;

namespace Einthoven.Interop;

/// <summary>
/// An analysis as FHIR: the heart rate and the PR, QRS, QT and QTc intervals as LOINC-coded Observations derived from the
/// ECG Observation, and a DiagnosticReport whose results are those Observations, whose conclusion states the rhythm,
/// the 12-lead statements found present and the not-a-medical-device disclaimer, and whose conclusion codes name them.
/// </summary>
public static class AnalysisResources
{
    /// <summary>The id suffixes of the measurement Observations ("{recording}-hr" ...) and their LOINC codes, in report order.</summary>
    public static readonly IReadOnlyList<(string Suffix, string Code, string Display, string Unit)> Measurements =
    [
        ("hr", FhirCodes.HeartRate, "Heart rate", "/min"),
        ("pr", FhirCodes.PrInterval, "P-R interval", "ms"),
        ("qrs", FhirCodes.QrsDuration, "QRS duration", "ms"),
        ("qt", FhirCodes.QtInterval, "Q-T interval", "ms"),
        ("qtc", FhirCodes.QtcInterval, "Q-T interval corrected", "ms"),
    ];

    /// <summary>The measured values by suffix; an unmeasured one (null in the report) is left out.</summary>
    public static IEnumerable<(string Suffix, double Value)> Values(AnalysisReport report)
    {
        double?[] values = [report.HeartRate?.MeanBpm, report.Intervals?.PrMs, report.Intervals?.QrsMs, report.Intervals?.QtMs, report.Intervals?.QtcBazettMs];
        for (var i = 0; i < values.Length; i++)
            if (values[i] is { } v && double.IsFinite(v)) yield return (Measurements[i].Suffix, v);
    }

    public static string MeasurementId(string recordingId, string suffix) => $"{recordingId}-{suffix}";

    /// <summary>The measurement Observations of a report on recording <paramref name="recordingId"/>.</summary>
    public static IEnumerable<Observation> Observations(string recordingId, string patientId, DateTimeOffset recordedAt, DateTimeOffset analysedAt, AnalysisReport report) =>
        Values(report).Select(v =>
        {
            var m = Measurements.Single(x => x.Suffix == v.Suffix);
            var observation = new Observation
            {
                Id = MeasurementId(recordingId, m.Suffix),
                Status = ObservationStatus.Final,
                Category = [m.Suffix == "hr" ? FhirCodes.Category("vital-signs", "Vital Signs") : FhirCodes.Category("procedure", "Procedure")],
                Code = FhirCodes.LoincConcept(m.Code, m.Display),
                Subject = new ResourceReference($"Patient/{patientId}"),
                Effective = new FhirDateTime(recordedAt),
                Issued = analysedAt,
                Value = new Quantity { Value = EcgObservation.Decimal(Math.Round(v.Value, 1)), Unit = m.Unit, System = FhirCodes.Ucum, Code = m.Unit },
                DerivedFrom = [new ResourceReference($"Observation/{recordingId}")],
            };
            if (m.Suffix == "qtc") observation.Method = new CodeableConcept { Text = "Bazett" };
            return observation;
        });

    /// <summary>The DiagnosticReport of the analysis of recording <paramref name="recordingId"/>.</summary>
    public static DiagnosticReport Report(string recordingId, string patientId, DateTimeOffset recordedAt, DateTimeOffset analysedAt, AnalysisReport report)
    {
        var diagnostic = new DiagnosticReport
        {
            Id = recordingId,
            Status = DiagnosticReport.DiagnosticReportStatus.Final,
            Category = [new CodeableConcept(FhirCodes.DiagnosticService, "EC", "Electrocardiac (e.g., EKG, EEC, Holter)")],
            Code = FhirCodes.LoincConcept(FhirCodes.EkgStudy, "EKG study"),
            Subject = new ResourceReference($"Patient/{patientId}"),
            Effective = new FhirDateTime(recordedAt),
            Issued = analysedAt,
            Result = Values(report).Select(v => new ResourceReference($"Observation/{MeasurementId(recordingId, v.Suffix)}")).ToList(),
            Conclusion = Conclusion(report),
        };
        if (report.Rhythm is { } rhythm)
            diagnostic.ConclusionCode.Add(new CodeableConcept(FhirCodes.EinthovenRhythm, rhythm.Label, rhythm.Name, rhythm.Name));
        foreach (var statement in Present(report))
            diagnostic.ConclusionCode.Add(new CodeableConcept(FhirCodes.EinthovenStatement, statement.Code, statement.Description, statement.Description));
        return diagnostic;
    }

    private static IEnumerable<Einthoven.Models.TwelveLead.StatementProbability> Present(AnalysisReport report) =>
        report.Statements?.Statements.Where(s => s.Present) ?? [];

    private static string Conclusion(AnalysisReport report)
    {
        var parts = new List<string>();
        if (report.Rhythm is { } rhythm) parts.Add($"Rhythm: {rhythm.Name}.");
        if (report.HeartRate is { } hr) parts.Add($"Mean heart rate {hr.MeanBpm:0} /min.");
        var statements = Present(report).Select(s => s.Description).ToList();
        if (statements.Count > 0) parts.Add($"12-lead statements: {string.Join("; ", statements)}.");
        parts.Add(report.Disclaimer);
        return string.Join(' ', parts);
    }
}
