using System.Collections.Concurrent;
using Einthoven.Server.Accounts;
using Einthoven.Server.Api;
using Einthoven.Server.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Monitoring;

/// <summary>
/// /hubs/live: monitoring staff and paramedics hear their organisation's alerts ("alert") as they are raised, and a
/// staff member who watches an enrolled patient gets that patient's live samples ("samples").
/// </summary>
[Authorize(Roles = Roles.Monitor + "," + Roles.Paramedic)]
public sealed class LiveHub(AppDb db, LiveWatchers watchers) : Hub
{
    public const string Path = "/hubs/live";

    public static string OrganisationGroup(Guid id) => $"org-{id}";
    public static string PatientGroup(Guid id) => $"patient-{id}";

    public override async Task OnConnectedAsync()
    {
        var me = Context.User!.UserId();
        foreach (var org in await db.StaffMemberships.Where(m => m.UserId == me).Select(m => m.OrganisationId).ToListAsync())
            await Groups.AddToGroupAsync(Context.ConnectionId, OrganisationGroup(org));
    }

    /// <summary>Starts the patient's live samples on this connection; false when the patient is not enrolled with the caller's organisation.</summary>
    public async Task<bool> Watch(Guid patientId)
    {
        if (!Context.User!.IsInRole(Roles.Monitor) || !await MonitoringAccess.CanMonitorAsync(db, Context.User!.UserId(), patientId, Context.ConnectionAborted)) return false;
        await Groups.AddToGroupAsync(Context.ConnectionId, PatientGroup(patientId));
        watchers.Add(Context.ConnectionId, patientId);
        return true;
    }

    public async Task Unwatch(Guid patientId)
    {
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, PatientGroup(patientId));
        watchers.Remove(Context.ConnectionId, patientId);
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        watchers.RemoveConnection(Context.ConnectionId);
        return Task.CompletedTask;
    }
}

/// <summary>Which patients this process's dashboards watch, so that samples nobody watches are not sent.</summary>
public sealed class LiveWatchers
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, byte>> _byPatient = new();

    public void Add(string connection, Guid patient) => _byPatient.GetOrAdd(patient, _ => new())[connection] = 0;

    public void Remove(string connection, Guid patient)
    {
        if (_byPatient.TryGetValue(patient, out var connections)) connections.TryRemove(connection, out _);
    }

    public void RemoveConnection(string connection)
    {
        foreach (var connections in _byPatient.Values) connections.TryRemove(connection, out _);
    }

    public IEnumerable<Guid> Watched() => _byPatient.Where(p => !p.Value.IsEmpty).Select(p => p.Key);

    public bool AnyWatching(Guid patient) => _byPatient.TryGetValue(patient, out var connections) && !connections.IsEmpty;
}
