using Einthoven.Models.Analysis;
using Einthoven.Signal.Formats;

namespace Einthoven.Server.Analysis;

/// <summary>
/// The analysis the worker runs: <see cref="ModelAnalyzer"/>, the same as <c>einthoven analyze</c>, segment by segment
/// for long recordings (<see cref="LongRecordAnalyzer"/>; the signal
/// library's report with the beat classifier's AAMI classes and the rhythm verdict). Beats are stored with their class
/// symbols (N, S, V, F, Q) and rhythm changes as '+' annotations; the report is the summary.
/// </summary>
public sealed class ModelRecordingAnalyzer(ModelAnalyzer models) : IRecordingAnalyzer
{
    public string Name => models.Name;

    public AnalysisOutcome Analyze(ISignalReader reader, IProgress<double> progress, CancellationToken ct)
    {
        var analysis = models.Analyze(reader, progress, ct);
        return new AnalysisOutcome(analysis.ToAnnotations(), analysis.Report);
    }
}
