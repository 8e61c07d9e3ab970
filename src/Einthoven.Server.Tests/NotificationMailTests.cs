using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Einthoven.Server.Notifications;
using Einthoven.Server.Tests.Hosting;
using Einthoven.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Einthoven.Server.Tests;

/// <summary>
/// Notification e-mails through the real SMTP server .ci/run starts (python3-aiosmtpd, read back from its Maildir): a
/// booking's confirmation and reminder arrive once each in the user's language, also when the server restarts between
/// queueing and sending or died in the middle of a send; a server that cannot reach SMTP retries with back-off; the
/// unsubscribe link works without signing in and stops that kind only.
/// </summary>
public sealed partial class NotificationMailTests
{
    private const string Clinic = "Shifo Kardio", Service = "ЭКГ в 12 отведениях";
    private const string Start = "2031-03-16T09:30:00+05:00";

    private static Dictionary<string, string> Booking(Guid id) => new()
    {
        ["clinic"] = Clinic, ["service"] = Service, ["start"] = Start, ["bookingId"] = id.ToString(), ["recordingId"] = "",
    };

    private static async Task<(Guid Id, HttpClient Client)> PatientAsync(ServerHost host, string email, string language)
    {
        var client = await host.NewPatientAsync(email);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsJsonAsync("/api/me/language", new { language })).StatusCode);
        return ((await (await client.GetAsync("/api/me")).JsonAsync()).Id(), client);
    }

    private static async Task EnqueueAsync(ServerHost host, Guid user, string kind, Dictionary<string, string> values, DateTimeOffset? due = null, string? key = null)
    {
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<INotificationQueue>().EnqueueAsync(user, kind, values, due, key);
    }

    private static Task<List<NotificationDelivery>> DeliveriesAsync(ServerHost host, Guid user) => host.DbAsync(db =>
        (from d in db.NotificationDeliveries join n in db.Notifications on d.NotificationId equals n.Id where n.UserId == user select d).AsNoTracking().ToListAsync());

    [SmtpFact]
    public async Task Confirmation_and_reminder_arrive_once_each_in_the_users_language()
    {
        await using var host = new ServerHost(Provider.Sqlite, TestSmtp.Settings());
        var email = TestSmtp.UniqueAddress("ru-patient");
        var (user, _) = await PatientAsync(host, email, "ru");
        var booking = Guid.NewGuid();
        var reminderDue = DateTimeOffset.UtcNow.AddSeconds(4);
        await EnqueueAsync(host, user, NotificationKinds.BookingConfirmed, Booking(booking), key: $"booking:{booking}:confirmed");
        await EnqueueAsync(host, user, NotificationKinds.BookingReminder24h, Booking(booking), reminderDue, $"booking:{booking}:reminder-24h");
        await EnqueueAsync(host, user, NotificationKinds.BookingConfirmed, Booking(booking), key: $"booking:{booking}:confirmed"); // the same key again: nothing new

        var first = await TestSmtp.WaitForAsync(email, 1, quietMs: 0);
        Assert.True(DateTimeOffset.UtcNow < reminderDue, "the confirmation took too long for this test to tell the reminder waited");
        Assert.Single(first);
        Assert.Contains(await DeliveriesAsync(host, user), d => d.Channel == DeliveryChannel.Email && d.State == DeliveryState.Pending && d.Attempts == 0);

        var all = await TestSmtp.WaitForAsync(email, 2);
        Assert.True(DateTimeOffset.UtcNow >= reminderDue);
        Assert.Equal(2, all.Count);
        var confirmation = Assert.Single(all, m => (m.Subject ?? "").StartsWith("Вы записаны на ЭКГ", StringComparison.Ordinal));
        var reminder = Assert.Single(all, m => (m.Subject ?? "").StartsWith("Напоминание: завтра запись на ЭКГ", StringComparison.Ordinal));
        foreach (var message in all)
        {
            // The clinic's local time as given (09:30 at +05:00), in Russian.
            Assert.Contains("16 марта 2031", message.TextBody);
            Assert.Contains("9:30", message.TextBody);
            Assert.Contains(Clinic, message.TextBody);
            Assert.Contains($"«{Service}»", message.HtmlBody);
            Assert.Contains("автоматическое сообщение", message.TextBody);
            Assert.Equal("ru", message.Body!.Headers["Content-Language"]);
            Assert.Matches("^notification-[0-9a-f]{32}@einthoven.test$", message.MessageId);
            Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
            Assert.StartsWith("<https://ecg.einthoven.test/api/notifications/unsubscribe/unsub_", message.Headers["List-Unsubscribe"]);
        }
        Assert.Contains("Напоминаем", reminder.TextBody);
        Assert.Contains("подтверждена", confirmation.TextBody);
        var deliveries = (await DeliveriesAsync(host, user)).Where(d => d.Channel == DeliveryChannel.Email).ToList();
        Assert.Equal(2, deliveries.Count);
        Assert.All(deliveries, d => Assert.True(d is { State: DeliveryState.Sent, Attempts: 1, SentAt: not null }, $"{d.State} after {d.Attempts}"));
        Assert.Equal(deliveries.Select(d => $"notification-{d.Id:N}@einthoven.test").Order(), all.Select(m => m.MessageId).Order());
    }

    [SmtpFact]
    public async Task A_restart_between_queueing_and_sending_sends_each_exactly_once()
    {
        var data = TestData.TempDir();
        var email = TestSmtp.UniqueAddress("restart");
        Guid user, inFlight;
        var booking = Guid.NewGuid();
        var settings = TestSmtp.Settings();
        settings["Einthoven:DataFolder"] = data;
        settings["Einthoven:Notifications:RunSender"] = "false"; // this server stops before it sends anything
        await using (var first = new ServerHost(Provider.Sqlite, settings))
        {
            (user, _) = await PatientAsync(first, email, "uz");
            await EnqueueAsync(first, user, NotificationKinds.BookingConfirmed, Booking(booking), key: $"booking:{booking}:confirmed");
            await EnqueueAsync(first, user, NotificationKinds.BookingReminder2h, Booking(booking), DateTimeOffset.UtcNow.AddSeconds(1), $"booking:{booking}:reminder-2h");
            // A third as a process that died in the middle of sending leaves it: Sending under a lease that has run out.
            await EnqueueAsync(first, user, NotificationKinds.BookingReminder24h, Booking(booking), null, $"booking:{booking}:reminder-24h");
            inFlight = (await DeliveriesAsync(first, user)).Single(d => d.Channel == DeliveryChannel.Email
                && first.DbAsync(db => db.Notifications.AnyAsync(n => n.Id == d.NotificationId && n.Kind == NotificationKinds.BookingReminder24h)).Result).Id;
            await first.DbAsync(db => db.NotificationDeliveries.Where(d => d.Id == inFlight).ExecuteUpdateAsync(s => s
                .SetProperty(d => d.State, DeliveryState.Sending).SetProperty(d => d.LeaseOwner, "a-dead-process")
                .SetProperty(d => d.LeaseExpiresAt, DateTime.UtcNow.AddSeconds(-1)).SetProperty(d => d.Attempts, 1)));
        }
        Assert.Empty(TestSmtp.MessagesTo(email));

        settings["Einthoven:Notifications:RunSender"] = "true";
        await using (var second = new ServerHost(Provider.Sqlite, settings))
        {
            var messages = await TestSmtp.WaitForAsync(email, 3, quietMs: 2000);
            Assert.Equal(3, messages.Count);
            Assert.Single(messages, m => (m.Subject ?? "").StartsWith("Siz EKGga yozildingiz", StringComparison.Ordinal));
            Assert.Single(messages, m => (m.Subject ?? "").StartsWith("Eslatma: EKG qabuli ikki soatdan keyin", StringComparison.Ordinal));
            Assert.Single(messages, m => (m.Subject ?? "").StartsWith("Eslatma: ertaga EKG qabuli", StringComparison.Ordinal));
            Assert.All(messages, m => Assert.Contains("2031", m.TextBody));
            var deliveries = (await DeliveriesAsync(second, user)).Where(d => d.Channel == DeliveryChannel.Email).ToList();
            Assert.All(deliveries, d => Assert.Equal(DeliveryState.Sent, d.State));
            Assert.Equal(2, deliveries.Single(d => d.Id == inFlight).Attempts); // the dead process's attempt, then this one
        }
        try { Directory.Delete(data, recursive: true); }
        catch (IOException) { }
    }

    [SmtpFact]
    public async Task An_unreachable_smtp_server_is_retried_with_back_off()
    {
        var settings = TestSmtp.Settings(port: TestSmtp.ClosedPort());
        settings["Einthoven:Notifications:RunSender"] = "false"; // the test runs the sender step by step
        settings["Einthoven:Notifications:RetryBase"] = "00:00:01";
        await using var host = new ServerHost(Provider.Sqlite, settings);
        var email = TestSmtp.UniqueAddress("retry");
        var (user, _) = await PatientAsync(host, email, "en");
        await EnqueueAsync(host, user, NotificationKinds.BookingConfirmed, Booking(Guid.NewGuid()));
        var sender = host.Services.GetRequiredService<OutboxSender>();

        Assert.Equal(2, await sender.RunOnceAsync(CancellationToken.None)); // in-app delivered, e-mail failed
        var failed = (await DeliveriesAsync(host, user)).Single(d => d.Channel == DeliveryChannel.Email);
        Assert.Equal((DeliveryState.Pending, 1), (failed.State, failed.Attempts));
        Assert.Equal("connection failed (ConnectionRefused)", failed.LastError);
        Assert.True(failed.NextAttemptAt > DateTime.UtcNow.AddMilliseconds(500), "the next attempt waits for the back-off");

        // The SMTP server is back; the delivery waits out its back-off first.
        host.Services.GetRequiredService<IOptions<ServerOptions>>().Value.Smtp.Port = int.Parse(TestSmtp.Settings()["Einthoven:Smtp:Port"]!);
        Assert.Equal(0, await sender.RunOnceAsync(CancellationToken.None));
        await Task.Delay(failed.NextAttemptAt - DateTime.UtcNow + TimeSpan.FromMilliseconds(100));
        Assert.Equal(1, await sender.RunOnceAsync(CancellationToken.None));
        Assert.Single(await TestSmtp.WaitForAsync(email, 1));
        var sent = (await DeliveriesAsync(host, user)).Single(d => d.Channel == DeliveryChannel.Email);
        Assert.Equal((DeliveryState.Sent, 2), (sent.State, sent.Attempts));
        Assert.Equal(0, await sender.RunOnceAsync(CancellationToken.None));

        var policy = new NotificationOptions { RetryBase = TimeSpan.FromSeconds(30), RetryCap = TimeSpan.FromMinutes(5) };
        Assert.Equal([30, 60, 120, 240, 300, 300], Enumerable.Range(1, 6).Select(a => OutboxSender.Backoff(a, policy).TotalSeconds));
    }

    [SmtpFact]
    public async Task The_unsubscribe_link_works_without_sign_in_and_stops_only_that_kind()
    {
        await using var host = new ServerHost(Provider.Sqlite, TestSmtp.Settings());
        var email = TestSmtp.UniqueAddress("unsubscribe");
        var (user, patient) = await PatientAsync(host, email, "en");
        await EnqueueAsync(host, user, NotificationKinds.BookingConfirmed, Booking(Guid.NewGuid()));
        var mail = Assert.Single(await TestSmtp.WaitForAsync(email, 1, quietMs: 0));
        var link = LinkPattern().Match(mail.TextBody ?? "");
        Assert.True(link.Success, mail.TextBody);
        var token = link.Groups[1].Value;
        Assert.Equal($"<https://ecg.einthoven.test/api/notifications/unsubscribe/{token}>", mail.Headers["List-Unsubscribe"]);

        var anonymous = host.Client();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/unsubscribe?token={token}")).StatusCode); // the page
        var shown = await (await anonymous.GetAsync($"/api/notifications/unsubscribe/{token}")).JsonAsync();
        Assert.Equal((NotificationKinds.BookingConfirmed, false), (shown.Str("kind"), shown.GetProperty("unsubscribed").GetBoolean()));
        // The one-click POST of RFC 8058, as a mail provider sends it: no session, no Origin.
        var done = await anonymous.PostAsync($"/api/notifications/unsubscribe/{token}", new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.True((await done.JsonAsync()).GetProperty("unsubscribed").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.PostAsync("/api/notifications/unsubscribe/unsub_not-a-token", null)).StatusCode);

        // Confirmations no longer come by e-mail (the app still shows them); a cancellation, critical, still does, without a link.
        await EnqueueAsync(host, user, NotificationKinds.BookingConfirmed, Booking(Guid.NewGuid()));
        await EnqueueAsync(host, user, NotificationKinds.BookingCancelled, Booking(Guid.NewGuid()));
        var after = await TestSmtp.WaitForAsync(email, 2, quietMs: 2000);
        Assert.Equal(2, after.Count);
        var cancelled = Assert.Single(after, m => (m.Subject ?? "").Contains("cancelled"));
        Assert.Null(cancelled.Headers["List-Unsubscribe"]);
        Assert.Contains("cannot be switched off by a link", cancelled.TextBody);
        var inApp = await (await patient.GetAsync("/api/notifications")).JsonAsync();
        Assert.Equal(3, inApp.GetProperty("total").GetInt32());
        var preferences = await (await patient.GetAsync("/api/notifications/preferences")).JsonAsync();
        var confirmed = preferences.GetProperty("kinds").EnumerateArray().Single(k => k.Str("kind") == NotificationKinds.BookingConfirmed);
        Assert.False(confirmed.GetProperty("email").GetBoolean());
        Assert.True(confirmed.GetProperty("inApp").GetBoolean());
    }

    [GeneratedRegex(@"https://ecg\.einthoven\.test/unsubscribe\?token=(unsub_[A-Za-z0-9_-]+)")]
    private static partial Regex LinkPattern();
}
