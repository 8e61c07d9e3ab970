using System.Net;
using System.Net.Http.Json;
using Einthoven.Server.Accounts;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Einthoven.Server.Tests.Hosting;

public sealed record StaffMember(Guid Id, string Token, HttpClient Client);

/// <summary>
/// An organisation that monitors patients at home, made through the API: a monitoring user, a paramedic in a team, a
/// second team farther away, and a patient enrolled with a home location and a registered device.
/// </summary>
public sealed class MonitoringSetup
{
    public required Guid Organisation { get; init; }
    public required StaffMember Monitor { get; init; }
    public required StaffMember Paramedic { get; init; }
    public required Guid NearTeam { get; init; }
    public required Guid FarTeam { get; init; }
    public required Guid PatientId { get; init; }
    public required HttpClient Patient { get; init; }
    public required string DeviceToken { get; init; }

    /// <summary>Tashkent: the patient's home, a team 3 km away and one 25 km away.</summary>
    public const double HomeLatitude = 41.3111, HomeLongitude = 69.2797;

    public static async Task<MonitoringSetup> CreateAsync(ServerHost host, HttpClient admin, string tag)
    {
        var org = (await (await admin.PostJsonAsync("/api/admin/organisations", new { name = $"Home care {tag}" })).JsonAsync(HttpStatusCode.Created)).Id();
        var monitor = await StaffAsync(host, admin, org, $"monitor-{tag}@test.local", Roles.Monitor, null);
        var near = (await (await monitor.Client.PostJsonAsync("/api/monitoring/teams", new { organisationId = org, name = "Team North", baseLatitude = 41.338, baseLongitude = 69.285 })).JsonAsync(HttpStatusCode.Created)).Id();
        var far = (await (await monitor.Client.PostJsonAsync("/api/monitoring/teams", new { organisationId = org, name = "Team Chirchiq", baseLatitude = 41.47, baseLongitude = 69.58 })).JsonAsync(HttpStatusCode.Created)).Id();
        var paramedic = await StaffAsync(host, admin, org, $"medic-{tag}@test.local", Roles.Paramedic, near);
        var patient = await host.NewPatientAsync($"monitored-{tag}@test.local");
        await (await patient.PutAsJsonAsync("/api/monitoring/enrolment", new { organisationId = org, homeLatitude = HomeLatitude, homeLongitude = HomeLongitude, knownConditions = "hypertension" }, Api.Json)).JsonAsync();
        var patientId = (await (await patient.GetAsync("/api/me")).JsonAsync()).Id();
        var device = await (await patient.PostJsonAsync("/api/devices", new { label = "patch" })).JsonAsync(HttpStatusCode.Created);
        return new MonitoringSetup
        {
            Organisation = org, Monitor = monitor, Paramedic = paramedic, NearTeam = near, FarTeam = far, PatientId = patientId, Patient = patient,
            DeviceToken = device.Str("token"),
        };
    }

    public static async Task<StaffMember> StaffAsync(ServerHost host, HttpClient admin, Guid org, string email, string role, Guid? team)
    {
        const string password = "Staff-Pass-1234";
        var id = await host.CreateUserAsync(email, password, role);
        await (await admin.PostJsonAsync($"/api/admin/organisations/{org}/members", new { userId = id, teamId = team })).JsonAsync();
        var token = await (await host.Client().PostJsonAsync("/api/auth/token", new { email, password, name = "tests" })).JsonAsync(HttpStatusCode.Created);
        return new StaffMember(id, token.Str("token"), host.Client(token.Str("token")));
    }

    /// <summary>A SignalR connection to /hubs/live as <paramref name="staff"/> (long polling through the in-process server).</summary>
    public static async Task<HubConnection> HubAsync(ServerHost host, StaffMember staff)
    {
        var hub = new HubConnectionBuilder().WithUrl("http://localhost/hubs/live", o =>
        {
            o.HttpMessageHandlerFactory = _ => host.Handler();
            o.Transports = HttpTransportType.LongPolling;
            o.AccessTokenProvider = () => Task.FromResult<string?>(staff.Token);
        }).Build();
        await hub.StartAsync();
        return hub;
    }
}
