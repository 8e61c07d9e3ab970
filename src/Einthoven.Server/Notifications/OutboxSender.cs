using System.Net.Sockets;
using System.Text.Json;
using Einthoven.Server.Accounts;
using Einthoven.Server.Localization;
using Einthoven.Server.Storage;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Einthoven.Server.Notifications;

/// <summary>
/// Delivers the outbox (docs/SERVER.md, "Notifications"). It claims due deliveries by a compare-and-set update that
/// marks them <see cref="DeliveryState.Sending"/> under a lease (owner + expiry), so two server processes never take the
/// same one; pushes in-app ones to the user's hub group; sends e-mails through MailKit in the user's language; and marks
/// each <see cref="DeliveryState.Sent"/> right after. A failure is retried after an exponential back-off (capped), and
/// failed for good after <see cref="NotificationOptions.MaxAttempts"/>. A delivery left Sending by a crashed process
/// is claimed again when its lease runs out: the one window for a duplicate is an SMTP server that accepted the
/// message just before the crash; the message's Message-ID, the same on every attempt, lets mail systems drop it.
/// </summary>
public sealed class OutboxSender(
    IServiceScopeFactory scopes, OutboxSignal signal, IOptions<ServerOptions> options, TimeProvider time, NotificationPush push, Texts texts,
    ILogger<OutboxSender> log) : BackgroundService
{
    private const int Batch = 16;
    private readonly string _owner = $"{Environment.ProcessId}-{Guid.NewGuid():N}";
    private NotificationOptions Settings => options.Value.Notifications;
    private SmtpOptions Smtp => options.Value.Smtp;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await RunOnceAsync(stoppingToken) > 0) continue;
                await signal.WaitAsync(Settings.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
            catch (Exception e)
            {
                log.LogError(e, "notification outbox loop failed; retrying after the poll interval");
                await Task.Delay(Settings.PollInterval, stoppingToken).ContinueWith(_ => { });
            }
        }
    }

    /// <summary>Claims and delivers what is due; the number of deliveries it handled.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var claimed = await ClaimAsync(db, ct);
        foreach (var delivery in claimed)
        {
            try
            {
                await DeliverAsync(scope.ServiceProvider, db, delivery, ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                await FailAsync(db, delivery, Describe(e), ct);
            }
        }
        return claimed.Count;
    }

    private async Task<List<NotificationDelivery>> ClaimAsync(AppDb db, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var email = Smtp.Configured;
        // A process that died mid-send with no attempts left: failed, never sent again.
        await db.NotificationDeliveries.Where(d => d.State == DeliveryState.Sending && d.LeaseExpiresAt < now && d.Attempts >= Settings.MaxAttempts)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.State, DeliveryState.Failed).SetProperty(d => d.LeaseOwner, (string?)null)
                .SetProperty(d => d.LastError, "the sender stopped during every attempt"), ct);
        var candidates = await db.NotificationDeliveries.AsNoTracking()
            .Where(d => (d.State == DeliveryState.Pending && d.NextAttemptAt <= now) || (d.State == DeliveryState.Sending && d.LeaseExpiresAt < now))
            .Where(d => email || d.Channel == DeliveryChannel.InApp)
            .OrderBy(d => d.NextAttemptAt).Select(d => d.Id).Take(Batch).ToListAsync(ct);
        var expires = now + Settings.Lease;
        var claimed = new List<NotificationDelivery>();
        foreach (var id in candidates)
        {
            var won = await db.NotificationDeliveries
                .Where(d => d.Id == id && ((d.State == DeliveryState.Pending && d.NextAttemptAt <= now) || (d.State == DeliveryState.Sending && d.LeaseExpiresAt < now)))
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.State, DeliveryState.Sending).SetProperty(d => d.LeaseOwner, _owner)
                    .SetProperty(d => d.LeaseExpiresAt, expires).SetProperty(d => d.Attempts, d => d.Attempts + 1), ct);
            if (won == 1) claimed.Add(await db.NotificationDeliveries.AsNoTracking().SingleAsync(d => d.Id == id, ct));
        }
        return claimed;
    }

    private async Task DeliverAsync(IServiceProvider services, AppDb db, NotificationDelivery delivery, CancellationToken ct)
    {
        var notification = await db.Notifications.AsNoTracking().SingleOrDefaultAsync(n => n.Id == delivery.NotificationId, ct);
        if (notification is null || notification.CancelledAt is not null)
        {
            await EndAsync(db, delivery, DeliveryState.Cancelled, "withdrawn", ct);
            return;
        }
        var values = JsonSerializer.Deserialize<Dictionary<string, string>>(notification.ValuesJson) ?? [];
        if (delivery.Channel == DeliveryChannel.InApp)
        {
            await EndAsync(db, delivery, DeliveryState.Sent, null, ct);
            var unread = await NotificationEndpoints.UnreadAsync(db, notification.UserId, time.GetUtcNow().UtcDateTime, ct);
            await push.NotificationAsync(notification.UserId, NotificationEndpoints.View(notification, values), unread);
            return;
        }
        if (!(await NotificationPreferences.OfAsync(db, notification.UserId, notification.Kind, ct)).Email)
        {
            await EndAsync(db, delivery, DeliveryState.Cancelled, "e-mail switched off for this kind", ct);
            return;
        }
        var user = await services.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(notification.UserId.ToString());
        if (user?.Email is not { Length: > 0 } address)
        {
            await EndAsync(db, delivery, DeliveryState.Failed, "the account has no e-mail address", ct);
            return;
        }
        var language = Languages.Normalise(user.Language) ?? Languages.Default;
        var baseUrl = Settings.PublicUrl.TrimEnd('/');
        var secret = await services.GetRequiredService<UnsubscribeLinks>().SecretAsync(notification.UserId, notification.Kind, ct);
        var mail = NotificationMail.Render(texts, notification.Kind, language, values,
            secret is null ? null : $"{baseUrl}/unsubscribe?token={secret}", $"{baseUrl}/settings");
        var message = NotificationMail.Build(delivery.Id, Smtp.From, address, language, mail,
            secret is null ? null : $"{baseUrl}/api/notifications/unsubscribe/{secret}");
        await SendAsync(message, ct);
        if (!await EndAsync(db, delivery, DeliveryState.Sent, null, ct))
            log.LogWarning("notification delivery {Delivery} was sent after its lease ran out", delivery.Id);
        log.LogInformation("notification delivery {Delivery} ({Kind}) sent by e-mail, attempt {Attempt}", delivery.Id, notification.Kind, delivery.Attempts);
    }

    private async Task SendAsync(MimeKit.MimeMessage message, CancellationToken ct)
    {
        using var client = new SmtpClient { Timeout = (int)Smtp.Timeout.TotalMilliseconds };
        var security = Smtp.UseTls switch
        {
            SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
            SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
            _ => SecureSocketOptions.None,
        };
        await client.ConnectAsync(Smtp.Host!, Smtp.Port, security, ct);
        if (!string.IsNullOrEmpty(Smtp.User)) await client.AuthenticateAsync(Smtp.User, Smtp.Password ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(true, ct);
    }

    /// <summary>Ends this process's claim in a final state; false when the delivery is no longer its own.</summary>
    private async Task<bool> EndAsync(AppDb db, NotificationDelivery delivery, DeliveryState state, string? error, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return await Owned(db, delivery).ExecuteUpdateAsync(s => s.SetProperty(d => d.State, state).SetProperty(d => d.LeaseOwner, (string?)null)
            .SetProperty(d => d.LeaseExpiresAt, (DateTime?)null).SetProperty(d => d.LastError, error)
            .SetProperty(d => d.SentAt, state == DeliveryState.Sent ? now : null), CancellationToken.None) == 1;
    }

    /// <summary>Puts a failed attempt back with the next back-off, or fails it for good when its attempts are used up.</summary>
    private async Task FailAsync(AppDb db, NotificationDelivery delivery, string error, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var final = delivery.Attempts >= Settings.MaxAttempts;
        var next = now + Backoff(delivery.Attempts, Settings);
        log.LogWarning("notification delivery {Delivery} attempt {Attempt} failed: {Error}{Final}", delivery.Id, delivery.Attempts, error, final ? "; given up" : "");
        await Owned(db, delivery).ExecuteUpdateAsync(s => s.SetProperty(d => d.State, final ? DeliveryState.Failed : DeliveryState.Pending)
            .SetProperty(d => d.NextAttemptAt, next).SetProperty(d => d.LeaseOwner, (string?)null)
            .SetProperty(d => d.LeaseExpiresAt, (DateTime?)null).SetProperty(d => d.LastError, error), CancellationToken.None);
    }

    /// <summary>The wait after attempt <paramref name="attempt"/> failed: the base, doubled per further attempt, capped.</summary>
    public static TimeSpan Backoff(int attempt, NotificationOptions settings)
    {
        var factor = Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        var wait = TimeSpan.FromTicks((long)Math.Min(settings.RetryBase.Ticks * factor, settings.RetryCap.Ticks));
        return wait < settings.RetryCap ? wait : settings.RetryCap;
    }

    private IQueryable<NotificationDelivery> Owned(AppDb db, NotificationDelivery delivery) =>
        db.NotificationDeliveries.Where(d => d.Id == delivery.Id && d.State == DeliveryState.Sending && d.LeaseOwner == _owner);

    /// <summary>What went wrong, without the message text (which may name an address): the kind of failure and the SMTP status.</summary>
    private static string Describe(Exception e) => e switch
    {
        SmtpCommandException c => $"SMTP {(int)c.StatusCode} ({c.ErrorCode})",
        SmtpProtocolException => "SMTP protocol error",
        AuthenticationException => "SMTP authentication failed",
        SslHandshakeException => "TLS handshake failed",
        SocketException s => $"connection failed ({s.SocketErrorCode})",
        _ => e.GetType().Name,
    };
}
