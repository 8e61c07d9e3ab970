using System.Diagnostics;
using Einthoven.Evaluation.Databases;
using Einthoven.Monitoring;
using Einthoven.Signal.Records;

namespace Einthoven.Evaluation.Monitoring;

/// <summary>The scored streams of an alert evaluation, with the engine's CPU time over the signal's duration.</summary>
public sealed record AlertEvaluationResult(IReadOnlyList<ScoredStream> Streams, IReadOnlyList<AlertKindScore> Scores, double SignalSeconds, double EngineCpuSeconds)
{
    /// <summary>Process CPU milliseconds per second of signal of one patient, record reading included (the bench's <c>monitor</c> times the engine alone).</summary>
    public double CpuMillisecondsPerSignalSecond => 1000 * EngineCpuSeconds / SignalSeconds;

    public int SignalLossAlerts => Streams.Sum(s => s.Alerts.Count(a => a.Kind == AlertKind.SignalLoss && a.Phase == AlertPhase.Onset));

    /// <summary>Seconds of all streams spent in signal loss.</summary>
    public double SignalLossSeconds => Streams.Sum(s => AlertScoring.Episodes(s.Alerts, s.Length)
        .Where(e => e.Kind == AlertKind.SignalLoss).Sum(e => (e.End - e.Start) / s.SamplingFrequency));
}

/// <summary>
/// The offline alert evaluation: every record of a MIT-BIH style database is fed to a <see cref="PatientMonitor"/>
/// in chunks of <paramref name="chunkSeconds"/> (as a device would send it), in parallel over records, and its
/// alerts are scored against the reference events of its .atr annotations (<see cref="ReferenceEvents"/>,
/// <see cref="AlertScoring"/>). Thresholds are the <see cref="MonitorSettings"/> defaults, clinical conventions
/// chosen without looking at these records.
/// </summary>
public static class AlertEvaluation
{
    public static AlertEvaluationResult Run(string directory, IReadOnlyList<string> records, MonitorSettings settings, MonitorModels models,
        double chunkSeconds = 1, int threads = 0, Action<int, int>? progress = null)
    {
        var done = 0;
        var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        var results = MitBihBeats.ForEachRecord(directory, records, threads, (record, annotations) =>
        {
            var alerts = Monitor(record, settings, models, chunkSeconds);
            var info = record.Info;
            var reference = ReferenceEvents.From(annotations, info.SamplingFrequency, info.SampleCount, settings);
            progress?.Invoke(Interlocked.Increment(ref done), records.Count);
            return (Stream: new ScoredStream(info.Name, info.SamplingFrequency, info.SampleCount, reference, alerts), Signal: info.SampleCount / info.SamplingFrequency);
        });
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalSeconds;
        var streams = results.Select(r => r.Stream).ToArray();
        return new AlertEvaluationResult(streams, AlertScoring.Score(streams), results.Sum(r => r.Signal), cpu);
    }

    /// <summary>Streams a whole record through a new monitor in chunks and gives every alert it raised.</summary>
    public static IReadOnlyList<MonitorAlert> Monitor(EcgRecord record, MonitorSettings settings, MonitorModels models, double chunkSeconds = 1)
    {
        var info = record.Info;
        var stream = new MonitoredStream(info.SamplingFrequency, info.Leads.Select(l => l.Name).ToArray(), info.Leads.Select(l => l.Gain > 0 ? l.Gain : 200).ToArray());
        var monitor = new PatientMonitor(stream, settings, models);
        var chunk = Math.Max(1, (int)Math.Round(chunkSeconds * info.SamplingFrequency));
        var alerts = new List<MonitorAlert>();
        for (long start = 0; start < info.SampleCount; start += chunk)
        {
            var n = (int)Math.Min(chunk, info.SampleCount - start);
            alerts.AddRange(monitor.Push(record.Samples.Select(lead => lead.AsSpan((int)start, n).ToArray()).ToArray()).Alerts);
        }
        alerts.AddRange(monitor.Flush().Alerts);
        return alerts;
    }
}
