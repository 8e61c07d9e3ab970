using Einthoven.Server.Analysis;
using Einthoven.Signal.Records;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Einthoven.Server.Tests.Hosting;

/// <summary>An analyzer whose behaviour a test scripts per call (fail, wait, report progress), for the job pipeline tests.</summary>
public sealed class ScriptedAnalyzer(Func<int, EcgRecord, IProgress<double>, CancellationToken, AnalysisOutcome> script) : IRecordingAnalyzer
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public string Name => "scripted";

    public AnalysisOutcome Analyze(EcgRecord record, IProgress<double> progress, CancellationToken ct) =>
        script(Interlocked.Increment(ref _calls), record, progress, ct);

    public static AnalysisOutcome OneBeatPerSecond(EcgRecord record) => new(
        Enumerable.Range(0, (int)(record.Info.SampleCount / record.Info.SamplingFrequency))
            .Select(s => new Annotation((long)(s * record.Info.SamplingFrequency), AnnotationCodes.Normal)).ToList(),
        new { scripted = true });

    public Action<IServiceCollection> Install => services =>
    {
        services.RemoveAll<IRecordingAnalyzer>();
        services.AddSingleton<IRecordingAnalyzer>(this);
    };
}
