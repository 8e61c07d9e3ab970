using System.Text.Json;
using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Einthoven.Server.Notifications;

/// <summary>
/// The outbox: a notification row and one delivery row per channel the user keeps for the kind (in-app always when
/// chosen; e-mail when chosen and SMTP is configured), stored in one SaveChanges. The sender (<see cref="OutboxSender"/>)
/// delivers them when due. A key already used by the user makes the call a no-op.
/// </summary>
public sealed class NotificationQueue(AppDb db, TimeProvider time, IOptions<ServerOptions> options, OutboxSignal signal) : INotificationQueue
{
    public async Task EnqueueAsync(Guid userId, string kind, IReadOnlyDictionary<string, string> values, DateTimeOffset? dueAt = null, string? key = null,
        CancellationToken ct = default)
    {
        if (!NotificationPreferences.Kinds.Contains(kind)) throw new ArgumentException($"unknown notification kind '{kind}'", nameof(kind));
        if (key is not null && await db.Notifications.AnyAsync(n => n.UserId == userId && n.Key == key, ct)) return;
        var preference = await NotificationPreferences.OfAsync(db, userId, kind, ct);
        var email = preference.Email && options.Value.Smtp.Configured;
        if (!preference.InApp && !email) return;
        var now = time.GetUtcNow().UtcDateTime;
        var due = dueAt?.UtcDateTime is { } d && d > now ? d : now;
        var notification = new Notification
        {
            Id = Guid.NewGuid(), UserId = userId, Kind = kind, ValuesJson = JsonSerializer.Serialize(values), Key = key,
            CreatedAt = now, DueAt = due, InApp = preference.InApp,
        };
        db.Notifications.Add(notification);
        if (preference.InApp) db.NotificationDeliveries.Add(Delivery(notification, DeliveryChannel.InApp, now));
        if (email) db.NotificationDeliveries.Add(Delivery(notification, DeliveryChannel.Email, now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (key is not null)
        {
            // The same key queued at the same moment by another request: that one stands.
            db.ChangeTracker.Clear();
            if (!await db.Notifications.AnyAsync(n => n.UserId == userId && n.Key == key, ct)) throw;
            return;
        }
        if (due <= now) signal.Notify();
    }

    public async Task CancelAsync(string keyPrefix, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(keyPrefix)) throw new ArgumentException("a key prefix is required", nameof(keyPrefix));
        var now = time.GetUtcNow().UtcDateTime;
        var ids = await db.Notifications.Where(n => n.Key != null && n.Key.StartsWith(keyPrefix) && n.CancelledAt == null).Select(n => n.Id).ToListAsync(ct);
        if (ids.Count == 0) return;
        // Every channel that has not sent it yet is withdrawn (an e-mail still waiting for a retry, say). A notification
        // not yet due (a reminder ahead) disappears from the app too; one already due stays in the list it is in.
        await db.NotificationDeliveries.Where(d => ids.Contains(d.NotificationId) && d.State == DeliveryState.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.State, DeliveryState.Cancelled).SetProperty(d => d.LastError, "withdrawn"), ct);
        await db.Notifications.Where(n => ids.Contains(n.Id) && n.DueAt > now).ExecuteUpdateAsync(s => s.SetProperty(n => n.CancelledAt, now), ct);
    }

    private static NotificationDelivery Delivery(Notification n, DeliveryChannel channel, DateTime now) => new()
    {
        Id = Guid.NewGuid(), NotificationId = n.Id, Channel = channel, State = DeliveryState.Pending, NextAttemptAt = n.DueAt, CreatedAt = now,
    };
}

/// <summary>Wakes this process's sender when something is due now.</summary>
public sealed class OutboxSignal : Analysis.JobSignal;
