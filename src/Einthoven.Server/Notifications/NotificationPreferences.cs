using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Notifications;

/// <summary>One kind's channels as the user sees and sets them.</summary>
public sealed record KindPreference(string Kind, bool InApp, bool Email, bool Critical = false);

/// <summary>
/// The channels a user chose per kind, with defaults where they chose nothing: bookings, results and a doctor's
/// conclusion in the app and by e-mail; monitoring alerts neither (the patient opts in: their monitoring service is
/// alerted in any case).
/// </summary>
public static class NotificationPreferences
{
    public static readonly IReadOnlyList<string> Kinds =
    [
        NotificationKinds.BookingConfirmed, NotificationKinds.BookingReminder24h, NotificationKinds.BookingReminder2h,
        NotificationKinds.BookingCancelled, NotificationKinds.BookingRescheduled, NotificationKinds.ResultsReady,
        NotificationKinds.DoctorConclusion, NotificationKinds.MonitoringAlert,
    ];

    public static KindPreference Default(string kind) => kind == NotificationKinds.MonitoringAlert
        ? new(kind, false, false, true)
        : new(kind, true, true, NotificationKinds.Critical.Contains(kind));

    public static async Task<KindPreference> OfAsync(AppDb db, Guid userId, string kind, CancellationToken ct)
    {
        var row = await db.NotificationPreferences.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == userId && p.Kind == kind, ct);
        return row is null ? Default(kind) : new(kind, row.InApp, row.Email, NotificationKinds.Critical.Contains(kind));
    }

    public static async Task<IReadOnlyList<KindPreference>> AllAsync(AppDb db, Guid userId, CancellationToken ct)
    {
        var rows = await db.NotificationPreferences.AsNoTracking().Where(p => p.UserId == userId).ToDictionaryAsync(p => p.Kind, ct);
        return Kinds.Select(k => rows.TryGetValue(k, out var r) ? new KindPreference(k, r.InApp, r.Email, NotificationKinds.Critical.Contains(k)) : Default(k)).ToList();
    }

    /// <summary>Sets one kind's channels (the caller saves).</summary>
    public static async Task SetAsync(AppDb db, Guid userId, string kind, bool? inApp, bool? email, DateTime now, CancellationToken ct)
    {
        var row = await db.NotificationPreferences.SingleOrDefaultAsync(p => p.UserId == userId && p.Kind == kind, ct);
        if (row is null)
        {
            var d = Default(kind);
            row = new NotificationPreference { UserId = userId, Kind = kind, InApp = d.InApp, Email = d.Email };
            db.NotificationPreferences.Add(row);
        }
        if (inApp is { } a) row.InApp = a;
        if (email is { } e) row.Email = e;
        row.UpdatedAt = now;
    }
}
