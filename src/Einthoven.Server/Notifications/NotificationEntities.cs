using Einthoven.Server.Accounts;
using Einthoven.Server.Storage.AtRest;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Notifications;

/// <summary>
/// One notification to one user: what it is about (<see cref="Kind"/>), the values of its text's placeholders, when it
/// is due, and whether the user has read it in the app. Its deliveries (<see cref="NotificationDelivery"/>) carry it to
/// each channel.
/// </summary>
public sealed class Notification
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public string Kind { get; set; } = "";
    /// <summary>The placeholder values as a JSON object of strings (encrypted at rest: a booking says where and when).</summary>
    public string ValuesJson { get; set; } = "{}";
    /// <summary>The caller's idempotency key (e.g. booking:{id}:confirmed), unique per user; null when none was given.</summary>
    public string? Key { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>When it is delivered (and shown in the app); a reminder's is in the future.</summary>
    public DateTime DueAt { get; set; }
    /// <summary>Whether the app shows it (the user's in-app choice for the kind when it was queued).</summary>
    public bool InApp { get; set; }
    public DateTime? ReadAt { get; set; }
    /// <summary>Withdrawn before it was due (<see cref="INotificationQueue.CancelAsync"/>): never shown nor sent.</summary>
    public DateTime? CancelledAt { get; set; }
}

public enum DeliveryChannel { InApp, Email }

public enum DeliveryState { Pending, Sending, Sent, Failed, Cancelled }

/// <summary>
/// The outbox row of one notification on one channel. The sender claims it with a lease (owner + expiry) by a
/// compare-and-set update, marks it <see cref="DeliveryState.Sending"/> before the SMTP transaction and
/// <see cref="DeliveryState.Sent"/> right after; a failure puts it back with a later <see cref="NextAttemptAt"/>.
/// <see cref="LastError"/> names the failure's type and status only: never an address or the message's text.
/// </summary>
public sealed class NotificationDelivery
{
    public Guid Id { get; set; }
    public Guid NotificationId { get; set; }
    public DeliveryChannel Channel { get; set; }
    public DeliveryState State { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTime? LeaseExpiresAt { get; set; }
    public string? LastError { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }
}

/// <summary>A user's channels for one kind; a kind without a row has the defaults of <see cref="NotificationPreferences"/>.</summary>
public sealed class NotificationPreference
{
    public Guid UserId { get; set; }
    public string Kind { get; set; } = "";
    public bool InApp { get; set; }
    public bool Email { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// The unsubscribe link of one user and kind (non-critical kinds only): random, found by its SHA-256 and kept
/// encrypted at rest so that every later e-mail of the kind carries the same link.
/// </summary>
public sealed class UnsubscribeToken
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public string Kind { get; set; } = "";
    public string Hash { get; set; } = "";
    public string Secret { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? UsedAt { get; set; }
}

/// <summary>The notification tables' keys, indexes, limits and encryption at rest.</summary>
public static class NotificationModel
{
    public static void Configure(ModelBuilder b, AtRestProtection protection)
    {
        b.Entity<Notification>(e =>
        {
            e.HasIndex(n => new { n.UserId, n.DueAt });
            e.HasIndex(n => new { n.UserId, n.Key }).IsUnique();
            e.HasIndex(n => n.Key);
            e.Property(n => n.Kind).HasMaxLength(40);
            e.Property(n => n.Key).HasMaxLength(200);
            e.Property(n => n.ValuesJson).HasConversion(protection.Text);
            e.HasOne<AppUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<NotificationDelivery>(e =>
        {
            e.HasIndex(d => new { d.State, d.NextAttemptAt });
            e.HasIndex(d => d.NotificationId);
            e.Property(d => d.Channel).HasConversion<string>().HasMaxLength(16);
            e.Property(d => d.State).HasConversion<string>().HasMaxLength(16);
            e.Property(d => d.LeaseOwner).HasMaxLength(64);
            e.Property(d => d.LastError).HasMaxLength(300);
            e.HasOne<Notification>().WithMany().HasForeignKey(d => d.NotificationId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<NotificationPreference>(e =>
        {
            e.HasKey(p => new { p.UserId, p.Kind });
            e.Property(p => p.Kind).HasMaxLength(40);
            e.HasOne<AppUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<UnsubscribeToken>(e =>
        {
            e.HasIndex(t => t.Hash).IsUnique();
            e.HasIndex(t => new { t.UserId, t.Kind }).IsUnique();
            e.Property(t => t.Kind).HasMaxLength(40);
            e.Property(t => t.Hash).HasMaxLength(64);
            e.Property(t => t.Secret).HasConversion(protection.Text);
            e.HasOne<AppUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
