using Microsoft.AspNetCore.SignalR;

namespace Einthoven.Server.Monitoring;

/// <summary>What the dashboards hear: alerts (to the organisation's staff) and live samples (to those watching the patient).</summary>
public interface ILiveBroadcast
{
    void Alert(Guid organisationId, AlertView alert);
    void Samples(LiveSamplesView samples);
}

/// <summary>The embedded profile: straight to this process's SignalR connections.</summary>
public sealed class HubBroadcast(IHubContext<LiveHub> hub, LiveWatchers watchers) : ILiveBroadcast
{
    public void Alert(Guid organisationId, AlertView alert) =>
        _ = hub.Clients.Group(LiveHub.OrganisationGroup(organisationId)).SendAsync("alert", alert);

    public void Samples(LiveSamplesView samples)
    {
        if (watchers.AnyWatching(samples.PatientId)) _ = hub.Clients.Group(LiveHub.PatientGroup(samples.PatientId)).SendAsync("samples", samples);
    }
}
