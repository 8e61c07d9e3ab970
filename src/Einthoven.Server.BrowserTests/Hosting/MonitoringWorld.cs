using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Einthoven.Devices;
using Einthoven.Server.Accounts;
using Einthoven.Signal.Formats;
using Einthoven.TestSupport;

namespace Einthoven.Server.BrowserTests.Hosting;

/// <summary>
/// An organisation set up through the API as an admin would: a monitoring user, two paramedic teams (one near the
/// patient's home, one farther), a paramedic in the near team, and a patient enrolled with a home location and a
/// device token; then the device streams part of a MIT-BIH record through the ingest WebSocket.
/// </summary>
public sealed class MonitoringWorld
{
    public static readonly (double Lat, double Lon) Home = (52.3702, 4.8952);
    public static readonly (double Lat, double Lon) NearBase = (52.3600, 4.9200);
    public static readonly (double Lat, double Lon) FarBase = (52.0907, 5.1214);

    public required Person Monitor { get; init; }
    public required Person Paramedic { get; init; }
    public required Person Patient { get; init; }
    public required string NearTeamId { get; init; }
    public required string FarTeamId { get; init; }
    public required string DeviceToken { get; init; }
    public required string Conditions { get; init; }

    public static async Task<MonitoringWorld> CreateAsync(LiveServer server, HttpClient api)
    {
        var (admin, monitor, paramedic, patient) = (People.New("admin"), People.New("monitor"), People.New("paramedic"), People.New("patient"));
        await server.CreateUserAsync(admin.Email, admin.Password, admin.Name, Roles.Admin);
        await server.CreateUserAsync(monitor.Email, monitor.Password, monitor.Name, Roles.Monitor);
        await server.CreateUserAsync(paramedic.Email, paramedic.Password, paramedic.Name, Roles.Paramedic);
        Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsJsonAsync("/api/auth/register",
            new { email = patient.Email, password = patient.Password, displayName = patient.Name })).StatusCode);
        var client = new JourneyApi(api);
        var (adminToken, monitorToken, medicToken, patientToken) =
            (await client.TokenAsync(admin), await client.TokenAsync(monitor), await client.TokenAsync(paramedic), await client.TokenAsync(patient));

        var org = (await client.SendAsync(HttpMethod.Post, "/api/admin/organisations", adminToken, new { name = $"Home care {Guid.NewGuid():N}"[..20] })).Id();
        await client.SendAsync(HttpMethod.Post, $"/api/admin/organisations/{org}/members", adminToken, new { userId = await client.MeAsync(monitorToken) });
        var near = (await client.SendAsync(HttpMethod.Post, "/api/monitoring/teams", monitorToken,
            new { organisationId = org, name = "Ambulance Centrum", baseLatitude = NearBase.Lat, baseLongitude = NearBase.Lon })).Id();
        var far = (await client.SendAsync(HttpMethod.Post, "/api/monitoring/teams", monitorToken,
            new { organisationId = org, name = "Ambulance Utrecht", baseLatitude = FarBase.Lat, baseLongitude = FarBase.Lon })).Id();
        await client.SendAsync(HttpMethod.Post, $"/api/admin/organisations/{org}/members", adminToken, new { userId = await client.MeAsync(medicToken), teamId = near });

        const string conditions = "ischaemic cardiomyopathy, ICD refused";
        await client.SendAsync(HttpMethod.Put, "/api/monitoring/enrolment", patientToken,
            new { organisationId = org, homeLatitude = Home.Lat, homeLongitude = Home.Lon, knownConditions = conditions });
        var device = await client.SendAsync(HttpMethod.Post, "/api/devices", patientToken, new { label = "chest strap" });
        return new MonitoringWorld
        {
            Monitor = monitor, Paramedic = paramedic, Patient = patient, NearTeamId = near, FarTeamId = far, Conditions = conditions,
            DeviceToken = device.GetProperty("token").GetString()!,
        };
    }

    /// <summary>Streams seconds [from, to) of a MIT-BIH record as the patient's device, at `speed` times real time.</summary>
    public Task<DeviceReport> StreamAsync(LiveServer server, string record, double from, double to, double speed, CancellationToken ct)
    {
        var source = RecordFiles.Open(Path.Combine(TestData.MitDb, $"{record}.hea"));
        var fs = source.Info.SamplingFrequency;
        var slice = new RecordSlice(source, (long)(from * fs), (long)((to - from) * fs));
        var streamer = new DeviceStreamer([new Uri(server.BaseUrl)], DeviceToken, slice, new DeviceSimulation(Speed: speed, FrameSeconds: 0.1));
        return Task.Run(async () =>
        {
            using (slice) return await streamer.RunAsync(ct: ct);
        }, ct);
    }

}

/// <summary>The API with bearer tokens, as the journeys' setup uses it.</summary>
public sealed class JourneyApi(HttpClient api)
{
    private readonly HttpClient _api = api;

    public async Task<string> TokenAsync(Person person)
    {
        var answer = await _api.PostAsJsonAsync("/api/auth/token", new { email = person.Email, password = person.Password, name = "journey" });
        Assert.True(answer.StatusCode == HttpStatusCode.Created, $"token for {person.Email}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
        return (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    public async Task<JsonElement> SendAsync(HttpMethod method, string url, string token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _api.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {url}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<string> MeAsync(string token) => (await SendAsync(HttpMethod.Get, "/api/me", token)).Id();
}

internal static class JsonIds
{
    public static string Id(this JsonElement e) => e.GetProperty("id").GetString()!;
}
