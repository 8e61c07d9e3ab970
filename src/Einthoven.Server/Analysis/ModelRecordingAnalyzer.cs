using Einthoven.Server.ContinuousLearning;
using Einthoven.Signal.Formats;

namespace Einthoven.Server.Analysis;

/// <summary>
/// The analysis the worker runs: the champion beat model's <see cref="Einthoven.Models.Analysis.ModelAnalyzer"/>
/// (<see cref="ActiveModels"/>), the same as <c>einthoven analyze</c> with the shipped one, segment by segment for
/// long recordings (<see cref="Einthoven.Models.Analysis.LongRecordAnalyzer"/>; the signal library's report with the
/// beat classifier's AAMI classes and the rhythm verdict). Each job reads the champion when it starts, so a promotion or
/// rollback switches the analysis without a restart; the result is stored with the name of the models that made it.
/// Beats are stored with their class symbols (N, S, V, F, Q) and rhythm changes as '+' annotations; the report is the summary.
/// </summary>
public sealed class ModelRecordingAnalyzer(ActiveModels active) : IRecordingAnalyzer
{
    public string Name => active.Analyzer.Name;

    public AnalysisOutcome Analyze(ISignalReader reader, IProgress<double> progress, CancellationToken ct)
    {
        var models = active.Analyzer;
        var analysis = models.Analyze(reader, progress, ct);
        return new AnalysisOutcome(analysis.ToAnnotations(), analysis.Report, models.Name);
    }
}
