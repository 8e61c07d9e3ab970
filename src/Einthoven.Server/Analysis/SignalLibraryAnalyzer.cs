using Einthoven.Signal.Analysis.Detection;
using Einthoven.Signal.Records;

namespace Einthoven.Server.Analysis;

/// <summary>
/// The analysis the worker runs: the signal library's QRS detector on the first lead, giving every beat and the heart
/// rate. Beats are labelled 'Q' (unclassified) because beat classes come from the models.
/// </summary>
public sealed class SignalLibraryAnalyzer : IRecordingAnalyzer
{
    public string Name => "einthoven-signal/qrs-1";

    public AnalysisOutcome Analyze(EcgRecord record, IProgress<double> progress, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var fs = record.Info.SamplingFrequency;
        var beats = QrsDetector.Detect(record, lead: 0);
        progress.Report(0.9);
        var rr = beats.Zip(beats.Skip(1), (a, b) => (b - a) / fs).ToArray();
        var summary = new
        {
            lead = record.Info.Leads[0].Name,
            beatCount = beats.Length,
            meanHeartRate = rr.Length == 0 ? (double?)null : Math.Round(60 / rr.Average(), 1),
            minRr = rr.Length == 0 ? (double?)null : Math.Round(rr.Min(), 3),
            maxRr = rr.Length == 0 ? (double?)null : Math.Round(rr.Max(), 3),
        };
        progress.Report(1);
        return new AnalysisOutcome(beats.Select(s => new Annotation(s, AnnotationCodes.Unknown)).ToList(), summary);
    }
}
