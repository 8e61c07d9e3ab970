using System.Text.Json;
using System.Text.Json.Serialization;
using Einthoven.Signal.Analysis;
using Einthoven.Signal.Analysis.Detection;
using Einthoven.Signal.Records;

namespace Einthoven.Server.Analysis;

/// <summary>
/// The analysis the worker runs: the signal library's <see cref="RecordAnalyzer"/> (rate, HRV, intervals, axes,
/// quality, pacing; the same report as <c>einthoven analyze</c>) and the QRS detector's beats on the lead the report
/// judged best for rhythm. Beats are labelled 'Q' (unclassified) until the beat classifier model is plugged in.
/// </summary>
public sealed class SignalLibraryAnalyzer : IRecordingAnalyzer
{
    /// <summary>How the report is stored: the camelCase JSON the CLI prints, NaN allowed.</summary>
    public static readonly JsonSerializerOptions ReportJson = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public string Name => "einthoven-signal/record-analyzer-1";

    public AnalysisOutcome Analyze(EcgRecord record, IProgress<double> progress, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var report = RecordAnalyzer.Analyze(record);
        progress.Report(0.8);
        ct.ThrowIfCancellationRequested();
        var lead = Math.Max(0, record.Info.LeadIndex(report.Quality.RhythmLead));
        var beats = QrsDetector.Detect(record.Physical(lead), record.Info.SamplingFrequency); // as RecordAnalyzer detects them
        progress.Report(1);
        return new AnalysisOutcome(beats.Select(s => new Annotation(s, AnnotationCodes.Unknown, Channel: lead)).ToList(), report);
    }
}
