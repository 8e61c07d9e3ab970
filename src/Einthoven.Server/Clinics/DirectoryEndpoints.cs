using System.Security.Claims;
using Einthoven.Server.Accounts;
using Einthoven.Server.Api;
using Einthoven.Server.Monitoring;
using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Clinics;

/// <summary>The clinic directory every signed-in user reads: search (service, open now, distance), a clinic's page and its free slots.</summary>
public static class DirectoryEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/clinics").WithTags("Clinics").RequireAuthorization();
        group.MapGet("/", Search).Produces<List<ClinicSummary>>().ProducesProblem(400)
            .WithSummary("Find clinics: by service, open now (clinic time), name or address (q), and distance from lat/lon (within maxKm, nearest first)");
        group.MapGet("/{id:guid}", Get).Produces<ClinicView>().ProducesProblem(404).WithSummary("A clinic's page: address, location, contacts, hours, exceptions, services, rules");
        group.MapGet("/{id:guid}/slots", Slots).Produces<SlotsView>().ProducesProblem(400).ProducesProblem(404)
            .WithSummary("A service's slots on days from a date (clinic time; default today, 7 days, at most 31) and whether each is free");
    }

    private static async Task<IResult> Search(HttpContext http, AppDb db, TimeProvider time, CancellationToken ct, ServiceKind? service = null, bool openNow = false,
        double? lat = null, double? lon = null, double? maxKm = null, string? q = null)
    {
        if ((lat is null) != (lon is null)) return ClinicTexts.Invalid(http, "pair", lat is null ? "lat" : "lon");
        if (lat is not null && !GreatCircle.IsValid(lat.Value, lon!.Value)) return ClinicTexts.Invalid(http, "location", "lat");
        if (maxKm is not null && (lat is null || maxKm is <= 0 or > 20000)) return ClinicTexts.Invalid(http, "range", "maxKm", ("min", 0), ("max", 20000));
        if (q?.Length > 100) return ClinicTexts.Invalid(http, "length", "q", ("min", 0), ("max", 100));
        var now = time.GetUtcNow();
        var clinics = await db.Clinics.AsNoTracking().OrderBy(c => c.Name).Take(5000).ToListAsync(ct);
        var services = (await db.ClinicServices.AsNoTracking().Where(s => s.Active).ToListAsync(ct)).ToLookup(s => s.ClinicId);
        var results = clinics
            .Where(c => service is null || services[c.Id].Any(s => s.Kind == service))
            .Where(c => string.IsNullOrWhiteSpace(q) || c.Name.Contains(q.Trim(), StringComparison.OrdinalIgnoreCase) || c.Address.Contains(q.Trim(), StringComparison.OrdinalIgnoreCase))
            .Select(c => ClinicViews.Summary(c, services[c.Id].OrderBy(s => s.Kind), now, lat is null ? null : GreatCircle.DistanceKm(lat.Value, lon!.Value, c.Latitude, c.Longitude)))
            .Where(c => !openNow || c.OpenNow)
            .Where(c => maxKm is null || c.DistanceKm <= maxKm)
            .OrderBy(c => c.DistanceKm ?? 0).ThenBy(c => c.Name, StringComparer.CurrentCulture)
            .Take(ClinicLimits.SearchResults).ToList();
        return Results.Ok(results);
    }

    private static async Task<IResult> Get(Guid id, ClaimsPrincipal user, AppDb db, TimeProvider time, CancellationToken ct)
    {
        var clinic = await db.Clinics.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (clinic is null) return Problems.NotFound("clinic");
        var manages = user.IsInRole(Roles.ClinicAdmin) && await ClinicViews.ManagesAsync(db, user.UserId(), id, ct);
        return Results.Ok(ClinicViews.View(clinic, await ClinicViews.ActiveServicesAsync(db, id, ct), time.GetUtcNow(), manages));
    }

    private static async Task<IResult> Slots(Guid id, Guid serviceId, HttpContext http, AppDb db, TimeProvider time, CancellationToken ct, DateOnly? from = null, int days = 7)
    {
        if (days is < 1 or > 31) return ClinicTexts.Invalid(http, "range", "days", ("min", 1), ("max", 31));
        var clinic = await db.Clinics.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (clinic is null) return Problems.NotFound("clinic");
        var service = await db.ClinicServices.AsNoTracking().SingleOrDefaultAsync(s => s.Id == serviceId && s.ClinicId == id && s.Active, ct);
        if (service is null) return Problems.NotFound("service");
        var schedule = ClinicSchedule.Of(clinic);
        var now = time.GetUtcNow();
        var start = from ?? DateOnly.FromDateTime(schedule.ToLocal(now).DateTime);
        var horizon = now.AddDays(clinic.BookingHorizonDays);
        var slots = schedule.Slots(start, days, service.DurationMinutes).Where(s => s > now && s <= horizon).ToList();
        var taken = new HashSet<DateTime>();
        if (slots.Count > 0)
        {
            var (first, last) = (slots[0].UtcDateTime, slots[^1].UtcDateTime);
            taken = (await db.Appointments.AsNoTracking().Where(b => b.ServiceId == serviceId && b.CancelledAt == null && b.StartsAt >= first && b.StartsAt <= last)
                .Select(b => b.StartsAt).ToListAsync(ct)).ToHashSet();
        }
        return Results.Ok(new SlotsView(id, serviceId, clinic.TimeZone,
            slots.Select(s => new SlotView(s, s.AddMinutes(service.DurationMinutes), !taken.Contains(s.UtcDateTime))).ToList()));
    }
}
