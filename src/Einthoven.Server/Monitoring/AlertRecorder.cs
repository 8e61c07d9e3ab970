using Einthoven.Monitoring;
using Einthoven.Server.Live;
using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Monitoring;

/// <summary>
/// Stores the alerts of a stream with their evidence strip and latency, once each (an alert raised again after a
/// take-over has the same stream, kind, phase and start), then publishes them to the organisation's dashboards.
/// </summary>
public sealed class AlertRecorder(IServiceScopeFactory scopes, ILiveBroadcast broadcast, TimeProvider time)
{
    public async Task RecordAsync(Guid streamId, StreamAnalysis analysis, IReadOnlyList<MonitorAlert> alerts, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var stored = new List<LiveAlert>();
        foreach (var a in alerts)
        {
            var (kind, phase) = (a.Kind.ToString(), a.Phase.ToString());
            if (await db.LiveAlerts.AnyAsync(x => x.StreamId == streamId && x.Kind == kind && x.Phase == phase && x.StartSample == a.StartSample, ct)) continue;
            var (stripStart, strip) = analysis.Strip(a.EvidenceStart, a.EvidenceEnd);
            var now = time.GetUtcNow();
            var deviceTime = analysis.DeviceTimeOf(a.DetectedAtSample);
            var alert = new LiveAlert
            {
                Id = Guid.NewGuid(), StreamId = streamId, PatientId = analysis.PatientId, OrganisationId = analysis.OrganisationId,
                Kind = kind, Phase = phase, Severity = a.Severity.ToString(), Rank = (int)a.Severity, Detail = a.Detail,
                StartSample = a.StartSample, DetectedAtSample = a.DetectedAtSample, SamplingFrequency = analysis.SamplingFrequency,
                DeviceTime = deviceTime, RaisedAt = now.UtcDateTime, LatencyMs = now.ToUnixTimeMilliseconds() - deviceTime,
                EvidenceStart = stripStart, EvidenceLeads = strip.Length, Evidence = new StoredFrame(streamId, analysis.PatientId, 0, stripStart, 0, now.UtcDateTime, strip).Encode(),
                State = a.Phase == AlertPhase.End ? AlertState.Resolved : AlertState.Open, UpdatedAt = now.UtcDateTime,
            };
            db.LiveAlerts.Add(alert);
            stored.Add(alert);
        }
        if (stored.Count == 0) return;
        await db.SaveChangesAsync(ct);
        var name = await db.Users.Where(u => u.Id == analysis.PatientId).Select(u => u.DisplayName).SingleOrDefaultAsync(ct) ?? "";
        foreach (var alert in stored) broadcast.Alert(analysis.OrganisationId, AlertViews.Of(alert, name));
        // The patient hears of it too when they opted in (off by default: NotificationPreferences); the text names no finding.
        var notifications = scope.ServiceProvider.GetRequiredService<Notifications.INotificationQueue>();
        foreach (var alert in stored.Where(a => a.State == AlertState.Open))
            await notifications.EnqueueAsync(alert.PatientId, Notifications.NotificationKinds.MonitoringAlert,
                new Dictionary<string, string> { ["alertId"] = alert.Id.ToString() }, key: $"alert:{alert.Id}", ct: ct);
    }
}
