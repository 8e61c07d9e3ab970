using Einthoven.Server.Clinics;
using Einthoven.Server.Notifications;

namespace Einthoven.Server.Booking;

/// <summary>
/// What the patient is told about a booking, through the notification outbox: confirmation and reminders 24 h and 2 h
/// before (keys booking:{id}:confirmed, booking:{id}:reminder-24h, -2h), cancellation (reminders withdrawn),
/// rescheduling (reminders withdrawn and set again) and results ready. Values: clinic, service, start (ISO 8601 with the
/// clinic's offset), bookingId, recordingId.
/// </summary>
public sealed class BookingNotices(INotificationQueue queue, TimeProvider time)
{
    public async Task ConfirmedAsync(Appointment b, Clinic clinic, ServiceKind service, CancellationToken ct)
    {
        await queue.EnqueueAsync(b.PatientId, NotificationKinds.BookingConfirmed, Values(b, clinic, service), key: $"booking:{b.Id}:confirmed", ct: ct);
        await RemindersAsync(b, clinic, service, ct);
    }

    public async Task CancelledAsync(Appointment b, Clinic clinic, ServiceKind service, CancellationToken ct)
    {
        await queue.CancelAsync($"booking:{b.Id}:reminder", ct);
        await queue.EnqueueAsync(b.PatientId, NotificationKinds.BookingCancelled, Values(b, clinic, service), key: $"booking:{b.Id}:cancelled", ct: ct);
    }

    public async Task RescheduledAsync(Appointment b, Clinic clinic, ServiceKind service, CancellationToken ct)
    {
        await queue.CancelAsync($"booking:{b.Id}:reminder", ct);
        await queue.EnqueueAsync(b.PatientId, NotificationKinds.BookingRescheduled, Values(b, clinic, service),
            key: $"booking:{b.Id}:rescheduled:{b.StartsAt:yyyyMMddTHHmm}", ct: ct);
        await RemindersAsync(b, clinic, service, ct);
    }

    public Task ResultsReadyAsync(Appointment b, Clinic clinic, ServiceKind service, Guid recordingId, CancellationToken ct)
    {
        var values = new Dictionary<string, string>(Values(b, clinic, service)) { ["recordingId"] = recordingId.ToString() };
        return queue.EnqueueAsync(b.PatientId, NotificationKinds.ResultsReady, values, key: $"booking:{b.Id}:results:{recordingId}", ct: ct);
    }

    private async Task RemindersAsync(Appointment b, Clinic clinic, ServiceKind service, CancellationToken ct)
    {
        var start = new DateTimeOffset(b.StartsAt, TimeSpan.Zero);
        foreach (var (kind, before, suffix) in new[] { (NotificationKinds.BookingReminder24h, 24, "24h"), (NotificationKinds.BookingReminder2h, 2, "2h") })
        {
            var due = start.AddHours(-before);
            if (due > time.GetUtcNow())
                await queue.EnqueueAsync(b.PatientId, kind, Values(b, clinic, service), due, $"booking:{b.Id}:reminder-{suffix}", ct);
        }
    }

    private static Dictionary<string, string> Values(Appointment b, Clinic clinic, ServiceKind service) => new()
    {
        ["clinic"] = clinic.Name,
        ["service"] = service.ToString(),
        ["start"] = ClinicViews.Iso(ClinicSchedule.Of(clinic).ToLocal(new DateTimeOffset(b.StartsAt, TimeSpan.Zero))),
        ["bookingId"] = b.Id.ToString(),
    };
}
