using Einthoven.Server.Live;
using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;
using System.Text.Json;

namespace Einthoven.Server.Monitoring;

/// <summary>An alert with its evidence strip decoded, its trail with the actors' names, and its dispatches.</summary>
public static class AlertDetails
{
    public static async Task<AlertDetailView> LoadAsync(AppDb db, LiveAlert alert, CancellationToken ct)
    {
        var actions = await db.AlertActions.AsNoTracking().Where(a => a.AlertId == alert.Id).OrderBy(a => a.At).ToListAsync(ct);
        var dispatches = await DispatchesAsync(db, [alert.Id], ct);
        var names = await MonitoredPatients.NamesAsync(db, actions.Select(a => a.ActorId).Append(alert.PatientId), ct);
        var leadsJson = await db.LiveStreams.Where(s => s.Id == alert.StreamId).Select(s => s.LeadsJson).SingleOrDefaultAsync(ct);
        var leads = leadsJson is null ? [] : JsonSerializer.Deserialize<DeviceLead[]>(leadsJson, IngestJson.Options)!;
        var evidence = alert.EvidenceLeads == 0 ? [] : StoredFrame.Decode(alert.Evidence, alert.EvidenceLeads);
        return new AlertDetailView(AlertViews.Of(alert, names.GetValueOrDefault(alert.PatientId, "")), alert.EvidenceStart,
            leads.Select(l => l.Name).ToList(), leads.Select(l => l.Gain).ToList(), evidence,
            actions.Select(a => new AlertActionView(a.Action, a.ActorId, names.GetValueOrDefault(a.ActorId, ""), a.Note, a.At)).ToList(), dispatches);
    }

    public static async Task<List<DispatchView>> DispatchesAsync(AppDb db, IReadOnlyList<Guid> alerts, CancellationToken ct) =>
        await (from d in db.Dispatches.AsNoTracking()
               where alerts.Contains(d.AlertId)
               join t in db.ParamedicTeams on d.TeamId equals t.Id
               orderby d.AssignedAt
               select new DispatchView(d.Id, d.AlertId, d.TeamId, t.Name, d.DistanceKm, d.AssignedAt, d.HandedOverAt, d.HandOverNote)).ToListAsync(ct);
}
