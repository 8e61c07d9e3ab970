using Einthoven.Models.Analysis;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;

namespace Einthoven.Server.Analysis;

/// <summary>
/// What the analysis job runs on a recording. The outcome's annotations (beats with their classes, rhythm changes,
/// pacing spikes) become the recording's "analysis" annotation set; its summary is stored as JSON.
/// </summary>
public interface IRecordingAnalyzer
{
    /// <summary>Name and version, stored with every result.</summary>
    string Name { get; }

    /// <summary>Analyses the recording <paramref name="reader"/> reads (window by window: never load it whole).</summary>
    AnalysisOutcome Analyze(ISignalReader reader, IProgress<double> progress, CancellationToken ct);
}

/// <param name="Annotations">Beats and events found, in samples of the record.</param>
/// <param name="Summary">The report, stored as its JSON (<see cref="AnalysisReport.Json"/>).</param>
/// <param name="Analyzer">The name of the analyzer that made it, when it may differ from <see cref="IRecordingAnalyzer.Name"/>
/// by the time the result is stored (the champion model was switched during the analysis).</param>
public sealed record AnalysisOutcome(IReadOnlyList<Annotation> Annotations, AnalysisReport Summary, string? Analyzer = null);
