using System.Net;
using System.Text.Json;
using Einthoven.Devices;
using Einthoven.Server.Monitoring;
using Einthoven.Server.Tests.Hosting;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Synthesis;
using Microsoft.AspNetCore.SignalR.Client;

namespace Einthoven.Server.Tests;

/// <summary>
/// The live path end to end on one server: a device streams, the live analysis raises an alert, the organisation's
/// monitoring staff hear it on the hub, open its evidence, acknowledge and escalate it, dispatch the nearest team, and
/// the team's paramedic records the hand-over. Staff of another organisation see none of it.
/// </summary>
public abstract class LiveMonitoringTests(ServerFixture fixture)
{
    private ServerHost Host => fixture.Host;
    private HttpClient Admin => fixture.World.Actors[Who.Admin].Client;

    [ProviderFact]
    public async Task A_tachycardia_streamed_by_a_device_reaches_the_dashboard_and_the_nearest_team_is_dispatched()
    {
        var s = await MonitoringSetup.CreateAsync(Host, Admin, Guid.NewGuid().ToString("N")[..8]);
        var other = await MonitoringSetup.CreateAsync(Host, Admin, Guid.NewGuid().ToString("N")[..8]);
        await using var hub = await MonitoringSetup.HubAsync(Host, s.Monitor);
        await using var otherHub = await MonitoringSetup.HubAsync(Host, other.Monitor);
        var heard = new TaskCompletionSource<AlertView>(TaskCreationOptions.RunContinuationsAsynchronously);
        var overheard = 0;
        hub.On<AlertView>("alert", a => { if (a.Kind == "Tachycardia" && a.Phase == "Onset") heard.TrySetResult(a); });
        otherHub.On<AlertView>("alert", _ => Interlocked.Increment(ref overheard));
        var samples = 0;
        hub.On<LiveSamplesView>("samples", _ => Interlocked.Increment(ref samples));
        Assert.True(await hub.InvokeAsync<bool>("Watch", s.PatientId));
        Assert.False(await otherHub.InvokeAsync<bool>("Watch", s.PatientId));

        var fast = EcgSynthesizer.Generate(new SynthesisOptions { Name = "tachy", Duration = TimeSpan.FromSeconds(45), MeanHeartRate = 175, Seed = 3 });
        var report = await new DeviceStreamer([new Uri("http://localhost/")], s.DeviceToken, new InMemoryReader(fast),
            new DeviceSimulation(Speed: 20, FrameSeconds: 0.2), Host.WebSocketAsync).RunAsync();
        Assert.True(report.Complete, report.Failure);
        var alert = await heard.Task.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal((s.PatientId, "Open"), (alert.PatientId, alert.State));
        Assert.True(alert.LatencyMs is >= 0 and < 10_000, $"latency {alert.LatencyMs} ms");
        Assert.True(samples > 0, "the watching dashboard got no live samples");
        Assert.Equal(0, overheard);

        var detail = await (await s.Monitor.Client.GetAsync($"/api/monitoring/alerts/{alert.Id}")).JsonAsync();
        Assert.Equal(2, detail.GetProperty("evidence").GetArrayLength());
        Assert.True(detail.GetProperty("evidence")[0].GetArrayLength() > 5 * 360, "the evidence strip holds less than 5 s");
        Assert.Equal(HttpStatusCode.NotFound, (await other.Monitor.Client.GetAsync($"/api/monitoring/alerts/{alert.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Monitor.Client.GetAsync($"/api/monitoring/patients/{s.PatientId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Monitor.Client.GetAsync($"/api/recordings/summaries?patientId={s.PatientId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await s.Monitor.Client.GetAsync($"/api/recordings/summaries?patientId={s.PatientId}")).StatusCode);

        var history = await (await s.Monitor.Client.GetAsync($"/api/monitoring/patients/{s.PatientId}")).JsonAsync();
        Assert.Equal("hypertension", history.GetProperty("patient").Str("knownConditions"));
        Assert.Equal(HttpStatusCode.Conflict, (await s.Monitor.Client.PostJsonAsync($"/api/monitoring/alerts/{alert.Id}/dispatch", new { teamId = s.NearTeam })).StatusCode);
        await (await s.Monitor.Client.PostJsonAsync($"/api/monitoring/alerts/{alert.Id}/acknowledge", new { note = "seen" })).JsonAsync();
        Assert.Equal(HttpStatusCode.Conflict, (await s.Monitor.Client.PostJsonAsync($"/api/monitoring/alerts/{alert.Id}/acknowledge", new { note = "again" })).StatusCode);
        await (await s.Monitor.Client.PostJsonAsync($"/api/monitoring/alerts/{alert.Id}/escalate", new { note = "no answer on the phone" })).JsonAsync();

        var proposal = await (await s.Monitor.Client.GetAsync($"/api/monitoring/alerts/{alert.Id}/dispatch")).JsonAsync();
        var teams = proposal.GetProperty("teams").EnumerateArray().ToList();
        Assert.Equal([s.NearTeam, s.FarTeam], teams.Select(t => t.GetProperty("team").Id()));
        Assert.InRange(teams[0].GetProperty("distanceKm").GetDouble(), 2.5, 3.5);
        await (await s.Monitor.Client.PostJsonAsync($"/api/monitoring/alerts/{alert.Id}/dispatch", new { teamId = s.NearTeam })).JsonAsync(HttpStatusCode.Created);

        var dispatches = await (await s.Paramedic.Client.GetAsync("/api/paramedic/dispatches")).JsonAsync();
        var dispatch = dispatches.EnumerateArray().Single().GetProperty("dispatch");
        Assert.Equal(HttpStatusCode.NotFound, (await other.Paramedic.Client.PostJsonAsync($"/api/paramedic/dispatches/{dispatch.Id()}/handover", new { note = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await s.Paramedic.Client.PostJsonAsync($"/api/monitoring/alerts/{alert.Id}/resolve", new { note = "x" })).StatusCode);
        await (await s.Paramedic.Client.PostJsonAsync($"/api/paramedic/dispatches/{dispatch.Id()}/handover", new { note = "taken to hospital No. 1" })).JsonAsync();
        await (await s.Monitor.Client.PostJsonAsync($"/api/monitoring/alerts/{alert.Id}/resolve", new { note = "admitted" })).JsonAsync();

        var trail = await (await s.Monitor.Client.GetAsync($"/api/monitoring/alerts/{alert.Id}")).JsonAsync();
        Assert.Equal(["acknowledge", "escalate", "dispatch", "handover", "resolve"], trail.GetProperty("actions").EnumerateArray().Select(a => a.Str("action")));
        var near = (await (await s.Monitor.Client.GetAsync("/api/monitoring/teams")).JsonAsync()).EnumerateArray().Single(t => t.Id() == s.NearTeam);
        Assert.Equal("Available", near.Str("availability"));

        Assert.Equal(HttpStatusCode.NoContent, (await s.Patient.DeleteAsync("/api/monitoring/enrolment")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.Monitor.Client.GetAsync($"/api/monitoring/alerts/{alert.Id}")).StatusCode);
        Assert.Empty((await (await s.Monitor.Client.GetAsync("/api/monitoring/patients")).JsonAsync()).EnumerateArray());
    }

    [ProviderFact]
    public async Task Thresholds_are_checked_and_a_patients_own_settings_apply()
    {
        var s = await MonitoringSetup.CreateAsync(Host, Admin, Guid.NewGuid().ToString("N")[..8]);
        var url = $"/api/monitoring/patients/{s.PatientId}/settings";
        var bad = await (await s.Monitor.Client.PutAsync(url, Json(new { bradycardiaBpm = 90, tachycardiaBpm = 80 }))).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Contains("tachycardiaBpm", bad.GetRawText(), StringComparison.OrdinalIgnoreCase);
        await (await s.Monitor.Client.PutAsync(url, Json(new { bradycardiaBpm = 50, tachycardiaBpm = 120 }))).JsonAsync();
        var history = await (await s.Monitor.Client.GetAsync($"/api/monitoring/patients/{s.PatientId}")).JsonAsync();
        Assert.Equal(120, history.GetProperty("settings").GetProperty("tachycardiaBpm").GetDouble());
    }

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body, Hosting.Api.Json), System.Text.Encoding.UTF8, "application/json");
}

[Collection("sqlite")]
public sealed class SqliteLiveMonitoringTests(SqliteFixture fixture) : LiveMonitoringTests(fixture);

[Collection("postgres"), UsesPostgres]
public sealed class PostgresLiveMonitoringTests(PostgresFixture fixture) : LiveMonitoringTests(fixture);
