using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Einthoven.Server.Notifications;
using Einthoven.Server.Tests.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Einthoven.Server.Tests;

/// <summary>
/// In-app notifications: the bell's API (own notifications only, newest first, unread count, read, read all), the live
/// push over /hubs/notifications, reminders shown once due and withdrawn by CancelAsync, preferences, and monitoring
/// alerts only for patients who opted in. No SMTP here: the e-mail channel is off and in-app still works.
/// </summary>
[Collection("sqlite")]
public sealed class NotificationTests(SqliteFixture fixture)
{
    private ServerHost Host => fixture.Host;

    private async Task EnqueueAsync(Guid user, string kind, DateTimeOffset? due = null, string? key = null, string clinic = "Clinic A")
    {
        await using var scope = Host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<INotificationQueue>().EnqueueAsync(user, kind,
            new Dictionary<string, string> { ["clinic"] = clinic, ["service"] = "ECG", ["start"] = "2031-01-02T10:00:00+05:00" }, due, key);
    }

    private async Task CancelAsync(string prefix)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<INotificationQueue>().CancelAsync(prefix);
    }

    private static async Task<int> UnreadAsync(HttpClient client) => (await (await client.GetAsync("/api/notifications/unread-count")).JsonAsync()).GetProperty("unread").GetInt32();

    private static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException(what);
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task The_bell_hears_its_own_notifications_live_and_marks_them_read()
    {
        var me = fixture.World.Actors[Who.OtherPatient];
        var stranger = fixture.World.Actors[Who.DoctorWithoutGrant];
        var hub = new HubConnectionBuilder().WithUrl("http://localhost" + NotificationHub.Path, o =>
        {
            o.HttpMessageHandlerFactory = _ => Host.Handler();
            o.Transports = HttpTransportType.LongPolling;
            o.AccessTokenProvider = () => Task.FromResult<string?>(me.Token);
        }).Build();
        var heard = new List<JsonElement>();
        var counts = new List<int>();
        hub.On<JsonElement>("notification", n => { lock (heard) heard.Add(n); });
        hub.On<JsonElement>("unread", u => { lock (counts) counts.Add(u.GetProperty("unread").GetInt32()); });
        await hub.StartAsync();
        var before = await UnreadAsync(me.Client);

        await EnqueueAsync(me.Id, NotificationKinds.BookingConfirmed, clinic: "Live Clinic");
        await WaitAsync(() => Task.FromResult(heard.Any(n => n.GetProperty("values").Str("clinic") == "Live Clinic")), "the live notification");
        var live = heard.Single(n => n.GetProperty("values").Str("clinic") == "Live Clinic");
        Assert.Equal(NotificationKinds.BookingConfirmed, live.Str("kind"));
        await WaitAsync(() => Task.FromResult(counts.Contains(before + 1)), "the unread count");
        Assert.Equal(before + 1, await UnreadAsync(me.Client));

        var page = await (await me.Client.GetAsync("/api/notifications?pageSize=5")).JsonAsync();
        var newest = page.GetProperty("items")[0];
        Assert.Equal(live.Id(), newest.Id());
        Assert.Equal(JsonValueKind.Null, newest.GetProperty("readAt").ValueKind);
        Assert.Equal(HttpStatusCode.BadRequest, (await me.Client.GetAsync("/api/notifications?pageSize=500")).StatusCode);

        // Nobody else sees it or can mark it.
        var theirs = await (await stranger.Client.GetAsync("/api/notifications")).JsonAsync();
        Assert.DoesNotContain(live.Id().ToString(), theirs.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.PostAsync($"/api/notifications/{live.Id()}/read", null)).StatusCode);
        Assert.Equal(before + 1, await UnreadAsync(me.Client));

        Assert.Equal(HttpStatusCode.NoContent, (await me.Client.PostAsync($"/api/notifications/{live.Id()}/read", null)).StatusCode);
        Assert.Equal(before, await UnreadAsync(me.Client));
        await WaitAsync(() => Task.FromResult(counts.Count >= 2 && counts[^1] == before), "the count after reading");
        await EnqueueAsync(me.Id, NotificationKinds.ResultsReady);
        await WaitAsync(async () => await UnreadAsync(me.Client) == before + 1, "a second notification");
        var all = await (await me.Client.PostAsync("/api/notifications/read-all", null)).JsonAsync();
        Assert.Equal(0, all.GetProperty("unread").GetInt32());
        await WaitAsync(() => Task.FromResult(counts[^1] == 0), "the count after read-all");
        await hub.DisposeAsync();
    }

    [Fact]
    public async Task A_reminder_shows_once_due_and_cancelling_withdraws_it()
    {
        var me = fixture.World.Actors[Who.DoctorExpired];
        var booking = Guid.NewGuid();
        await EnqueueAsync(me.Id, NotificationKinds.BookingReminder24h, DateTimeOffset.UtcNow.AddSeconds(3), $"booking:{booking}:reminder-24h", clinic: "Soon");
        await EnqueueAsync(me.Id, NotificationKinds.BookingReminder2h, DateTimeOffset.UtcNow.AddDays(1), $"booking:{booking}:reminder-2h", clinic: "Tomorrow");
        async Task<string> List() => (await (await me.Client.GetAsync("/api/notifications")).JsonAsync()).ToString();
        Assert.DoesNotContain("Soon", await List());
        await WaitAsync(async () => (await List()).Contains("Soon"), "the reminder once due");
        await CancelAsync($"booking:{booking}:");
        Assert.Contains("Soon", await List()); // shown already: it stays
        Assert.DoesNotContain("Tomorrow", await List());
        var cancelled = await Host.DbAsync(db => Task.FromResult(db.Notifications.Single(n => n.Key == $"booking:{booking}:reminder-2h")));
        Assert.NotNull(cancelled.CancelledAt);
        var delivery = await Host.DbAsync(db => Task.FromResult(db.NotificationDeliveries.Single(d => d.NotificationId == cancelled.Id)));
        Assert.Equal(DeliveryState.Cancelled, delivery.State);
    }

    [Fact]
    public async Task Preferences_choose_channels_and_monitoring_alerts_need_an_opt_in()
    {
        var me = fixture.World.Actors[Who.DoctorRevoked];
        var preferences = await (await me.Client.GetAsync("/api/notifications/preferences")).JsonAsync();
        Assert.False(preferences.GetProperty("emailAvailable").GetBoolean()); // no SMTP configured here
        var alert = preferences.GetProperty("kinds").EnumerateArray().Single(k => k.Str("kind") == NotificationKinds.MonitoringAlert);
        Assert.False(alert.GetProperty("inApp").GetBoolean());
        Assert.True(alert.GetProperty("critical").GetBoolean());

        await EnqueueAsync(me.Id, NotificationKinds.MonitoringAlert, key: "alert:one");
        Assert.False(await Host.DbAsync(db => Task.FromResult(db.Notifications.Any(n => n.UserId == me.Id && n.Kind == NotificationKinds.MonitoringAlert))));

        var bad = await me.Client.PutAsJsonAsync("/api/notifications/preferences", new { kinds = new[] { new { kind = "spam", inApp = true } } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var set = await (await me.Client.PutAsJsonAsync("/api/notifications/preferences", new
        {
            kinds = new object[] { new { kind = NotificationKinds.MonitoringAlert, inApp = true }, new { kind = NotificationKinds.ResultsReady, inApp = false, email = false } },
        })).JsonAsync();
        Assert.True(set.GetProperty("kinds").EnumerateArray().Single(k => k.Str("kind") == NotificationKinds.MonitoringAlert).GetProperty("inApp").GetBoolean());
        await EnqueueAsync(me.Id, NotificationKinds.MonitoringAlert, key: "alert:two");
        await EnqueueAsync(me.Id, NotificationKinds.ResultsReady, key: "results:off");
        var kinds = await Host.DbAsync(db => Task.FromResult(db.Notifications.Where(n => n.UserId == me.Id).Select(n => n.Kind).ToList()));
        Assert.Contains(NotificationKinds.MonitoringAlert, kinds);
        Assert.DoesNotContain(NotificationKinds.ResultsReady, kinds);
    }
}
