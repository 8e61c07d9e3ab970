using Einthoven.Server.Analysis;
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

    public static AnalysisOutcome OneBeatPerSecond(ISignalReader reader) => new(
        Enumerable.Range(0, (int)(reader.Info.SampleCount / reader.Info.SamplingFrequency))
            .Select(s => new Annotation((long)(s * reader.Info.SamplingFrequency), AnnotationCodes.Normal)).ToList(),
        new { scripted = true });

    public Action<IServiceCollection> Install => services =>
    {
        services.RemoveAll<IRecordingAnalyzer>();
        services.AddSingleton<IRecordingAnalyzer>(this);
    };
}
