using System.Security.Claims;
using Einthoven.Interop;
using Einthoven.Server.Api;
using Einthoven.Server.Clinics;
using Einthoven.Server.Sharing;
using Einthoven.Server.Storage;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Fhir;

/// <summary>
/// Appointment search (a patient's bookings, seen by whoever may read the patient's data) and Slot search (a clinic
/// service's bookable times over at most 31 days, open to every signed-in user like the clinic directory).
/// </summary>
public static class FhirBookingEndpoints
{
    public const int MaxSlotDays = 31;

    public static void Map(RouteGroupBuilder fhir)
    {
        fhir.MapGet("/Appointment", Appointments).AllowFhirRead();
        fhir.MapGet("/Slot", Slots).AllowFhirRead();
    }

    private static async Task<IResult> Appointments(HttpRequest request, ClaimsPrincipal user, PatientAccess access, AppDb db, CancellationToken ct)
    {
        if (user.Identity?.IsAuthenticated != true) return FhirResults.Unauthorized();
        var (query, error) = FhirQuery.Parse(request);
        if (query is null) return error!;
        var patient = query.Patient ?? user.UserId();
        if (!await access.ReadPatientAsync(user, patient, "fhir.appointment.search", ct)) return FhirResults.NotFound("Patient");
        var rows = await (from b in db.Appointments.AsNoTracking()
                          join c in db.Clinics.AsNoTracking() on b.ClinicId equals c.Id
                          join s in db.ClinicServices.AsNoTracking() on b.ServiceId equals s.Id
                          where b.PatientId == patient
                          orderby b.StartsAt
                          select new { b, c.Name, s.Kind }).ToListAsync(ct);
        var matches = rows.Where(r => query.DateMatches(r.b.StartsAt)).ToList();
        var page = matches.Skip(query.Offset).Take(query.Count).Select(r => (Resource)BookingResources.Appointment(r.b.Id, r.b.PatientId, r.b.ServiceId, r.Name,
            ServiceName(r.Kind), FhirRecordings.Utc(r.b.StartsAt), FhirRecordings.Utc(r.b.EndsAt), FhirRecordings.Utc(r.b.CreatedAt), r.b.CancelledAt is not null)).ToList();
        return FhirResults.Resource(FhirBundles.Searchset(request, query, page, matches.Count, []));
    }

    /// <summary>schedule=Schedule/{service id} (required); start=ge... and le... bound the days (from today, 7 days by default).</summary>
    private static async Task<IResult> Slots(HttpRequest request, ClaimsPrincipal user, AppDb db, TimeProvider time, CancellationToken ct)
    {
        if (user.Identity?.IsAuthenticated != true) return FhirResults.Unauthorized();
        var (query, error) = FhirQuery.Parse(request, dateParameter: "start");
        if (query is null) return error!;
        var schedule = request.Query["schedule"].FirstOrDefault() ?? "";
        if (!Guid.TryParse(schedule.StartsWith("Schedule/", StringComparison.Ordinal) ? schedule["Schedule/".Length..] : schedule, out var serviceId))
            return FhirResults.Invalid($"schedule '{schedule}' must name a clinic service as Schedule/<service id>", "schedule");
        var service = await db.ClinicServices.AsNoTracking().SingleOrDefaultAsync(s => s.Id == serviceId && s.Active, ct);
        var clinic = service is null ? null : await db.Clinics.AsNoTracking().SingleOrDefaultAsync(c => c.Id == service.ClinicId, ct);
        if (service is null || clinic is null) return FhirResults.NotFound("Schedule");
        var clinicSchedule = ClinicSchedule.Of(clinic);
        var now = time.GetUtcNow();
        var horizon = now.AddDays(Math.Min(clinic.BookingHorizonDays, MaxSlotDays));
        var starts = clinicSchedule.Slots(DateOnly.FromDateTime(clinicSchedule.ToLocal(now).DateTime), MaxSlotDays + 1, service.DurationMinutes)
            .Where(s => s > now && s <= horizon && query.DateMatches(s.UtcDateTime)).ToList();
        var taken = new HashSet<DateTime>();
        if (starts.Count > 0)
        {
            var (first, last) = (starts[0].UtcDateTime, starts[^1].UtcDateTime);
            taken = (await db.Appointments.AsNoTracking().Where(b => b.ServiceId == serviceId && b.CancelledAt == null && b.StartsAt >= first && b.StartsAt <= last)
                .Select(b => b.StartsAt).ToListAsync(ct)).ToHashSet();
        }
        var name = ServiceName(service.Kind);
        var page = starts.Skip(query.Offset).Take(query.Count)
            .Select(s => (Resource)BookingResources.Slot(serviceId, name, s, s.AddMinutes(service.DurationMinutes), !taken.Contains(s.UtcDateTime))).ToList();
        return FhirResults.Resource(FhirBundles.Searchset(request, query, page, starts.Count, []));
    }

    private static string ServiceName(ServiceKind kind) => kind switch
    {
        ServiceKind.RestingEcg => "Resting 12-lead ECG",
        ServiceKind.Holter => "Holter monitoring",
        _ => "Exercise stress test",
    };
}
