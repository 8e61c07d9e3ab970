using Einthoven.Models.Analysis;
using Einthoven.Server.Analysis;
using Einthoven.Signal.Analysis;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Einthoven.Server.Tests.Hosting;

/// <summary>An analyzer whose behaviour a test scripts per call (fail, wait, report progress), for the job pipeline tests.</summary>
public sealed class ScriptedAnalyzer(Func<int, ISignalReader, IProgress<double>, CancellationToken, AnalysisOutcome> script) : IRecordingAnalyzer
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public string Name => "scripted";

    public AnalysisOutcome Analyze(ISignalReader reader, IProgress<double> progress, CancellationToken ct) =>
        script(Interlocked.Increment(ref _calls), reader, progress, ct);

    public static AnalysisOutcome OneBeatPerSecond(ISignalReader reader)
    {
        var info = reader.Info;
        var beats = Enumerable.Range(0, (int)(info.SampleCount / info.SamplingFrequency))
            .Select(s => new Annotation((long)(s * info.SamplingFrequency), AnnotationCodes.Normal)).ToList();
        var leads = info.Leads.Select(l => l.Name).ToArray();
        var report = new AnalysisReport(info.Name, info.SamplingFrequency, info.Duration.TotalSeconds, leads,
            new BeatCounts(beats.Count, beats.Count, new Dictionary<string, int> { ["N"] = beats.Count }), null, null, null, null,
            QualitySummary.Of(leads[0], []), new PacingSummary(false, 0, 0));
        return new AnalysisOutcome(beats, report);
    }

    public Action<IServiceCollection> Install => services =>
    {
        services.RemoveAll<IRecordingAnalyzer>();
        services.AddSingleton<IRecordingAnalyzer>(this);
    };
}
