using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Monitoring;

/// <summary>The patients a staff member monitors, as the dashboard lists them, and what it shows of their history.</summary>
public static class MonitoredPatients
{
    public static async Task<List<MonitoredPatientView>> ListAsync(AppDb db, Guid staff, Guid? only, CancellationToken ct)
    {
        var orgs = MonitoringAccess.OrganisationsOf(db, staff);
        var enrolments = await db.Enrolments.AsNoTracking().Where(e => e.EndedAt == null && orgs.Contains(e.OrganisationId) && (only == null || e.PatientId == only))
            .ToListAsync(ct);
        var ids = enrolments.Select(e => e.PatientId).Distinct().ToList();
        var names = await NamesAsync(db, ids, ct);
        var live = (await db.LiveStreams.AsNoTracking().Where(s => ids.Contains(s.PatientId) && s.State == Live.LiveStreamState.Open).ToListAsync(ct))
            .GroupBy(s => s.PatientId).ToDictionary(g => g.Key, g => g.MaxBy(s => s.LastFrameAt)!);
        var open = (await db.LiveAlerts.AsNoTracking().Where(a => ids.Contains(a.PatientId) && orgs.Contains(a.OrganisationId) && a.State != AlertState.Resolved)
                .Select(a => new { a.PatientId, a.Rank, a.Severity }).ToListAsync(ct))
            .GroupBy(a => a.PatientId).ToDictionary(g => g.Key, g => (Count: g.Count(), Worst: g.MaxBy(a => a.Rank)!.Severity));
        return enrolments.DistinctBy(e => e.PatientId).Select(e =>
        {
            var stream = live.GetValueOrDefault(e.PatientId);
            var alerts = open.GetValueOrDefault(e.PatientId);
            return new MonitoredPatientView(e.PatientId, names.GetValueOrDefault(e.PatientId, ""), e.HomeLatitude, e.HomeLongitude, e.KnownConditions,
                stream?.Id, stream?.LastFrameAt, alerts.Count, alerts.Worst,
                stream is null ? [] : System.Text.Json.JsonSerializer.Deserialize<Live.DeviceLead[]>(stream.LeadsJson, Live.IngestJson.Options)!);
        }).OrderByDescending(p => p.OpenAlerts).ThenBy(p => p.Name).ToList();
    }

    public static async Task<Dictionary<Guid, string>> NamesAsync(AppDb db, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        return await db.Users.AsNoTracking().Where(u => wanted.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
    }

    public static async Task<List<HistoryRecordingView>> RecordingsAsync(AppDb db, Guid patient, CancellationToken ct)
    {
        var recordings = await db.Recordings.AsNoTracking().Where(r => r.PatientId == patient).OrderByDescending(r => r.RecordedAt).Take(50).ToListAsync(ct);
        var ids = recordings.Select(r => r.Id).ToList();
        var results = await db.AnalysisResults.AsNoTracking().Where(r => ids.Contains(r.RecordingId)).ToDictionaryAsync(r => r.RecordingId, ct);
        return recordings.Select(r => new HistoryRecordingView(r.Id, r.Name, r.RecordedAt, r.SampleCount / r.SamplingFrequency, r.OriginalFormat,
            results.GetValueOrDefault(r.Id)?.Report() is { } report ? Summary(report) : null)).ToList();
    }

    private static string Summary(Models.Analysis.AnalysisReport report)
    {
        var parts = new List<string>();
        if (report.Rhythm is { } rhythm) parts.Add(rhythm.Name);
        if (report.HeartRate is { } rate) parts.Add($"{rate.MeanBpm:0} bpm");
        parts.Add($"{report.Beats.ByClass.GetValueOrDefault("V")} V, {report.Beats.ByClass.GetValueOrDefault("S")} S beats");
        return string.Join("; ", parts);
    }
}
