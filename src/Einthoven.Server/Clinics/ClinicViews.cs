using System.Globalization;
using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Clinics;

/// <summary>Clinics as the API shows them, and who manages which.</summary>
public static class ClinicViews
{
    public static ServiceView Of(ClinicService s) => new(s.Id, s.Kind, s.DurationMinutes);

    public static string Clock(int minutes) => $"{minutes / 60:00}:{minutes % 60:00}";

    public static ClinicSummary Summary(Clinic c, IEnumerable<ClinicService> services, DateTimeOffset now, double? distanceKm)
    {
        var schedule = ClinicSchedule.Of(c);
        var today = DateOnly.FromDateTime(schedule.ToLocal(now).DateTime);
        return new ClinicSummary(c.Id, c.Name, c.Address, c.Latitude, c.Longitude, schedule.IsOpenAt(now), distanceKm is { } d ? Math.Round(d, 2) : null,
            services.Select(Of).ToList(), schedule.IntervalsOn(today).Select(i => new IntervalView(Clock(i.Opens), Clock(i.Closes))).ToList());
    }

    public static ClinicView View(Clinic c, IEnumerable<ClinicService> services, DateTimeOffset now, bool canManage)
    {
        var schedule = ClinicSchedule.Of(c);
        return new ClinicView(c.Id, c.Name, c.Address, c.Latitude, c.Longitude, c.TimeZone, c.Phone, c.Email, schedule.IsOpenAt(now),
            schedule.Weekly.ToList(), schedule.Exceptions.ToList(), services.Select(Of).ToList(), c.ChangeCutoffHours, c.BookingHorizonDays, canManage);
    }

    public static Task<List<ClinicService>> ActiveServicesAsync(AppDb db, Guid clinicId, CancellationToken ct) =>
        db.ClinicServices.AsNoTracking().Where(s => s.ClinicId == clinicId && s.Active).OrderBy(s => s.Kind).ToListAsync(ct);

    /// <summary>Whether the user is a clinic admin of the clinic.</summary>
    public static Task<bool> ManagesAsync(AppDb db, Guid userId, Guid clinicId, CancellationToken ct) =>
        db.ClinicStaff.AnyAsync(s => s.UserId == userId && s.ClinicId == clinicId, ct);

    public static string Iso(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
