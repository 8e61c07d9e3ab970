using System.Text.Json;
using Einthoven.Cli.Client;
using Einthoven.Devices;
using Einthoven.Evaluation.Monitoring;
using Einthoven.Monitoring;
using Einthoven.Signal.Formats;

namespace Einthoven.Cli.Live;

/// <summary>
/// Scores the alerts the server raised on simulated streams against each record's reference annotations (.atr), with
/// the same rule as <c>eval alerts</c> (<see cref="AlertScoring"/>), and summarises their server latency.
/// </summary>
public static class AlertScoreOfStreams
{
    public sealed record Result(IReadOnlyList<AlertKindScore> Scores, int Streams, int Alerts, IReadOnlyList<double> LatencyMs, IReadOnlyList<string> Skipped);

    public static async Task<Result> ScoreAsync(PlatformClient client, IReadOnlyList<DeviceReport> reports, IReadOnlyList<ISignalReader> readers, double frameSeconds)
    {
        var streams = new List<ScoredStream>();
        var latencies = new List<double>();
        var skipped = new List<string>();
        for (var i = 0; i < reports.Count; i++)
        {
            var (report, reader) = (reports[i], readers[i]);
            if (report.Stream is not { } stream || !reader.Annotators.Contains("atr"))
            {
                skipped.Add($"{report.Record}: {(report.Stream is null ? "no stream" : "no .atr reference")}");
                continue;
            }
            var alerts = await SettledAlertsAsync(client, stream);
            latencies.AddRange(alerts.Select(a => a.GetProperty("latencyMs").GetDouble()));
            var fs = reader.Info.SamplingFrequency;
            var reference = ReferenceEvents.From(reader.ReadAnnotations("atr"), fs, report.SamplesAcknowledged, MonitorSettings.Default);
            // The server lists newest first; episodes are read in stream order, as the engine raised them.
            var ordered = alerts.Select(Alert).OrderBy(a => a.DetectedAtSample).ThenBy(a => a.StartSample).ToList();
            streams.Add(new ScoredStream(report.Record, fs, report.SamplesAcknowledged, reference, ordered));
        }
        return new Result(AlertScoring.Score(streams), streams.Count, streams.Sum(s => s.Alerts.Count), latencies, skipped);
    }

    /// <summary>The stream's alerts once the analysis has caught up: the same list twice, two seconds apart (at most a minute).</summary>
    private static async Task<List<JsonElement>> SettledAlertsAsync(PlatformClient client, Guid stream)
    {
        var previous = -1;
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var alerts = (await client.MyAlertsAsync(stream)).EnumerateArray().ToList();
            if (alerts.Count == previous || DateTime.UtcNow > deadline) return alerts;
            previous = alerts.Count;
            await Task.Delay(2000);
        }
    }

    private static MonitorAlert Alert(JsonElement a) => new(
        Enum.Parse<AlertKind>(a.GetProperty("kind").GetString()!), Enum.Parse<AlertPhase>(a.GetProperty("phase").GetString()!),
        Enum.Parse<AlertSeverity>(a.GetProperty("severity").GetString()!), a.GetProperty("startSample").GetInt64(),
        a.GetProperty("detectedAtSample").GetInt64(), 0, 0, a.GetProperty("detail").GetString() ?? "");
}
