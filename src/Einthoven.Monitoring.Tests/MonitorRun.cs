using Einthoven.Monitoring;

namespace Einthoven.Monitoring.Tests;

/// <summary>Pushes a whole stream through a new monitor in chunks of a given size and collects everything it reported.</summary>
internal static class MonitorRun
{
    public static (List<MonitorBeat> Beats, List<MonitorAlert> Alerts) Push(int[][] samples, int chunk, MonitorSettings? settings = null)
    {
        var monitor = new PatientMonitor(SyntheticStream.Stream, settings ?? MonitorSettings.Default, MonitorModels.LoadShipped());
        var beats = new List<MonitorBeat>();
        var alerts = new List<MonitorAlert>();
        var length = samples[0].Length;
        for (var start = 0; start < length; start += chunk)
        {
            var n = Math.Min(chunk, length - start);
            var update = monitor.Push(samples.Select(l => l[start..(start + n)]).ToArray());
            beats.AddRange(update.Beats);
            alerts.AddRange(update.Alerts);
        }
        var last = monitor.Flush();
        beats.AddRange(last.Beats);
        alerts.AddRange(last.Alerts);
        Assert.Equal(length, monitor.SamplesSeen);
        return (beats, alerts);
    }

    public static List<MonitorAlert> Of(this List<MonitorAlert> alerts, AlertKind kind, AlertPhase phase = AlertPhase.Onset) =>
        alerts.Where(a => a.Kind == kind && a.Phase == phase).ToList();
}
