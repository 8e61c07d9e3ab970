namespace Einthoven.Server.Notifications;

/// <summary>What a notification is about; each kind has its texts (Localization/Texts/{lang}/notifications.json).</summary>
public static class NotificationKinds
{
    public const string BookingConfirmed = "booking-confirmed";
    public const string BookingReminder24h = "booking-reminder-24h";
    public const string BookingReminder2h = "booking-reminder-2h";
    public const string BookingCancelled = "booking-cancelled";
    public const string BookingRescheduled = "booking-rescheduled";
    public const string ResultsReady = "results-ready";
    public const string DoctorConclusion = "doctor-conclusion";
    public const string MonitoringAlert = "monitoring-alert";

    /// <summary>Kinds a user cannot unsubscribe from by e-mail link (they concern care already under way).</summary>
    public static readonly IReadOnlySet<string> Critical = new HashSet<string> { MonitoringAlert, BookingCancelled };
}

/// <summary>
/// The durable outbox of notifications to users (in-app and, where configured and chosen, e-mail). Enqueuing is part of
/// the caller's work: a notification is stored before the call returns and delivered later, retried with back-off,
/// once, also across restarts. <paramref name="values"/> fill the kind's text placeholders (clinic, time, ...); a
/// <paramref name="key"/> makes enqueuing idempotent and lets <see cref="CancelAsync"/> withdraw what has not gone yet.
/// </summary>
public interface INotificationQueue
{
    /// <param name="dueAt">When to deliver (a reminder); null: now.</param>
    Task EnqueueAsync(Guid userId, string kind, IReadOnlyDictionary<string, string> values, DateTimeOffset? dueAt = null, string? key = null,
        CancellationToken ct = default);

    /// <summary>Withdraws every undelivered notification whose key starts with <paramref name="keyPrefix"/> (e.g. a cancelled booking's reminders).</summary>
    Task CancelAsync(string keyPrefix, CancellationToken ct = default);
}
