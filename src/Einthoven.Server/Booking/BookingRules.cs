using Einthoven.Server.Clinics;
using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Booking;

/// <summary>Which start times may be booked, whether a booking may still change, and bookings as views.</summary>
public static class BookingRules
{
    /// <summary>How many upcoming bookings one patient may hold.</summary>
    public const int MaxUpcomingPerPatient = 10;

    /// <summary>null when <paramref name="start"/> is a free-to-take slot of the service; else the problem (400, naming the field start).</summary>
    public static IResult? CheckSlot(HttpContext http, Clinic clinic, ClinicService service, DateTimeOffset start, DateTimeOffset now)
    {
        var schedule = ClinicSchedule.Of(clinic);
        var shown = ClinicViews.Iso(schedule.ToLocal(start));
        if (start <= now) return ClinicTexts.Problem(http, 400, "pastSlot", "start", ("start", shown));
        if (start > now.AddDays(clinic.BookingHorizonDays)) return ClinicTexts.Problem(http, 400, "beyondHorizon", "start", ("days", clinic.BookingHorizonDays));
        if (!service.Active || !schedule.IsSlot(start, service.DurationMinutes)) return ClinicTexts.Problem(http, 400, "notASlot", "start", ("start", shown));
        return null;
    }

    public static DateTimeOffset ChangeUntil(Appointment b, Clinic clinic) => new DateTimeOffset(b.StartsAt, TimeSpan.Zero).AddHours(-clinic.ChangeCutoffHours);

    /// <summary>A patient may cancel or reschedule a booking not cancelled, without results, until the clinic's cut-off; the clinic until it starts.</summary>
    public static bool CanChange(Appointment b, Clinic clinic, DateTimeOffset now, bool byClinic) =>
        b.CancelledAt is null && b.RecordingId is null && now < (byClinic ? new DateTimeOffset(b.StartsAt, TimeSpan.Zero) : ChangeUntil(b, clinic));

    public static BookingView View(Appointment b, Clinic clinic, ClinicService service, DateTimeOffset now, bool byClinic, string? patientName = null, string? patientEmail = null)
    {
        var schedule = ClinicSchedule.Of(clinic);
        var state = b.CancelledAt is not null ? "cancelled" : b.RecordingId is not null ? "results" : b.EndsAt <= now.UtcDateTime ? "past" : "booked";
        return new BookingView(b.Id, clinic.Id, clinic.Name, clinic.Address, service.Id, service.Kind,
            schedule.ToLocal(new DateTimeOffset(b.StartsAt, TimeSpan.Zero)), schedule.ToLocal(new DateTimeOffset(b.EndsAt, TimeSpan.Zero)), clinic.TimeZone, state,
            schedule.ToLocal(ChangeUntil(b, clinic)), CanChange(b, clinic, now, byClinic), b.RecordingId, b.CreatedAt, b.CancelledAt, b.CancelledBy, patientName, patientEmail);
    }

    /// <summary>Bookings with their clinics and services, as views.</summary>
    public static async Task<List<BookingView>> ViewsAsync(AppDb db, IReadOnlyList<Appointment> bookings, DateTimeOffset now, bool byClinic, CancellationToken ct)
    {
        var clinicIds = bookings.Select(b => b.ClinicId).Distinct().ToList();
        var clinics = await db.Clinics.AsNoTracking().Where(c => clinicIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var services = await db.ClinicServices.AsNoTracking().Where(s => clinicIds.Contains(s.ClinicId)).ToDictionaryAsync(s => s.Id, ct);
        Dictionary<Guid, (string Name, string Email)> patients = [];
        if (byClinic)
        {
            var ids = bookings.Select(b => b.PatientId).Distinct().ToList();
            patients = (await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName, u.Email }).ToListAsync(ct))
                .ToDictionary(u => u.Id, u => (u.DisplayName, u.Email ?? ""));
        }
        return bookings.Select(b => View(b, clinics[b.ClinicId], services[b.ServiceId], now, byClinic,
            patients.GetValueOrDefault(b.PatientId).Name, patients.GetValueOrDefault(b.PatientId).Email)).ToList();
    }
}
