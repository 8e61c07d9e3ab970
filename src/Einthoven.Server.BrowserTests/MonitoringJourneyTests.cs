using System.Text.RegularExpressions;
using Einthoven.Server.BrowserTests.Hosting;
using Microsoft.Playwright;

namespace Einthoven.Server.BrowserTests;

/// <summary>
/// Live monitoring end to end: a patient's device streams MIT-BIH 205 around its first VT run through the ingest
/// WebSocket; the monitoring user, signed in, watches the patient's live ECG move, receives the VT alert live, opens it
/// (evidence strip), acknowledges and escalates it, sees the nearest available team proposed first on the map and
/// dispatches it; the team's paramedic, in a second browser, sees the dispatch with the home on the map and records
/// the hand-over, which the alert's trail then shows.
/// </summary>
[Collection("browser")]
public sealed class MonitoringJourneyTests(BrowserFixture fixture)
{
    // MIT-BIH 205: "(VT" at 298.8 s after normal rhythm; 40 s before it let the engine learn the patient's beats.
    private const string Record = "205";
    private const double From = 258, To = 318, Speed = 4;

    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task Monitor_receives_a_VT_alert_escalates_and_dispatches_the_nearest_team_and_the_paramedic_hands_over(string deviceName)
    {
        var device = BrowserFixture.DeviceNamed(deviceName);
        using var api = new HttpClient { BaseAddress = new Uri(fixture.Server.BaseUrl) };
        var world = await MonitoringWorld.CreateAsync(fixture.Server, api);

        await using var tab = await fixture.OpenAsync(device);
        var page = tab.Page;
        await tab.SignInAsync(world.Monitor.Email, world.Monitor.Password);
        await page.WaitForURLAsync("**/monitoring");
        await Assertions.Expect(page.Locator(".connection")).ToHaveAttributeAsync("data-state", "connected");
        var patientItem = page.Locator($"#monitored-patients li:has-text('{world.Patient.Name}')");
        await Assertions.Expect(patientItem).ToContainTextAsync("not streaming");

        // The patient's page: history first; the live strip starts with the device and moves.
        await patientItem.Locator("button").ClickAsync();
        await Assertions.Expect(page.Locator(".patient-panel")).ToContainTextAsync(world.Conditions);
        using var streaming = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var stream = world.StreamAsync(fixture.Server, Record, From, To, Speed, streaming.Token);
        var strip = page.Locator("canvas.strip.live");
        await Assertions.Expect(strip).ToHaveAttributeAsync("data-last-sample", new Regex(@"^\d+$"));
        var first = long.Parse((await strip.GetAttributeAsync("data-last-sample"))!);
        await page.WaitForFunctionAsync("n => Number(document.querySelector('canvas.strip.live').dataset.lastSample) > n + 360", first);
        await Assertions.Expect(page.Locator(".live-status")).ToContainTextAsync("MLII");
        await tab.ScreenshotAsync("monitoring-live");

        // The VT alert arrives live: a banner, the patient's recent alerts, and a flashing item in the alert list.
        await Assertions.Expect(page.Locator(".alert-banner")).ToContainTextAsync("VT run", new() { Timeout = 45_000 });
        await Assertions.Expect(page.Locator(".patient-panel .alert-list li[data-kind=VentricularTachycardiaRun]").First).ToBeVisibleAsync();
        if (device.Mobile) await page.ClickAsync(".monitoring-detail .back");
        var vt = page.Locator("#alerts li[data-kind=VentricularTachycardiaRun][data-state=Open]").First;
        await Assertions.Expect(vt).ToBeVisibleAsync();
        await Assertions.Expect(vt).ToContainTextAsync(world.Patient.Name);
        await tab.ScreenshotAsync("monitoring-alerts");
        await vt.Locator("button").ClickAsync();

        // The alert: evidence strip, acknowledge, escalate (each in the trail).
        var panel = page.Locator(".alert-panel");
        await Assertions.Expect(panel).ToContainTextAsync("VT run");
        await Assertions.Expect(panel.Locator("canvas.strip.evidence")).ToHaveAttributeAsync("data-speed", "25");
        await page.FillAsync("#alert-note", "Called the patient: dizzy, sitting down.");
        await panel.Locator("button[data-action=acknowledge]").ClickAsync();
        await Assertions.Expect(page.Locator(".alert-panel[data-state=Acknowledged]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".trail li[data-action=acknowledge]")).ToContainTextAsync("dizzy");
        await page.FillAsync("#alert-note", "Recurrent VT, symptomatic: send a team.");
        await page.Locator(".alert-panel button[data-action=escalate]").ClickAsync();
        await Assertions.Expect(page.Locator(".alert-panel[data-state=Escalated]")).ToBeVisibleAsync();

        // Dispatch: the nearest available team first, both on the map with the home; send it.
        var teams = page.Locator(".dispatch-panel ol.teams li");
        await Assertions.Expect(teams).ToHaveCountAsync(2);
        await Assertions.Expect(teams.First).ToHaveAttributeAsync("data-team", world.NearTeamId);
        await Assertions.Expect(teams.Nth(1)).ToHaveAttributeAsync("data-team", world.FarTeamId);
        await Assertions.Expect(teams.First).ToContainTextAsync("nearest");
        await Assertions.Expect(page.Locator(".dispatch-panel .map[data-proposed]")).ToHaveAttributeAsync("data-proposed", world.NearTeamId);
        await Assertions.Expect(page.Locator(".dispatch-panel .map path.map-team")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator(".dispatch-panel .map path.map-home")).ToHaveCountAsync(1);
        await page.Locator(".dispatch-panel .map").ScrollIntoViewIfNeededAsync();
        await tab.ScreenshotAsync("monitoring-dispatch");
        await teams.First.Locator("button").ClickAsync();
        await Assertions.Expect(page.Locator(".alert-panel[data-state=Dispatched]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".trail li[data-action=dispatch]")).ToContainTextAsync("Ambulance Centrum");

        // The paramedic of the near team sees the dispatch and hands the patient over.
        await using var medicTab = await fixture.OpenAsync(device);
        var medic = medicTab.Page;
        await medicTab.SignInAsync(world.Paramedic.Email, world.Paramedic.Password);
        await medic.WaitForURLAsync("**/paramedic");
        var card = medic.Locator(".dispatch-card[data-open=true]");
        await Assertions.Expect(card).ToContainTextAsync(world.Patient.Name);
        await Assertions.Expect(card).ToContainTextAsync(world.Conditions);
        await Assertions.Expect(card.Locator(".map path.map-home")).ToHaveCountAsync(1);
        await medicTab.ScreenshotAsync("paramedic-dispatch");
        await card.Locator("textarea").FillAsync("Stable after cardioversion; to the cardiology ward.");
        await card.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(medic.Locator(".dispatch-card[data-open=false]")).ToContainTextAsync("Handed over");

        // The monitoring user sees the hand-over in the alert's trail.
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator(".trail li[data-action=handover]")).ToContainTextAsync("cardiology ward");
        tab.AssertNoConsoleErrors();
        medicTab.AssertNoConsoleErrors();
        await streaming.CancelAsync();
        await stream.ContinueWith(_ => { }, TaskScheduler.Default);
    }
}
