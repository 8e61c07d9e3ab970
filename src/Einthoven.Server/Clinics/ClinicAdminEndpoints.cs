using System.Security.Claims;
using Einthoven.Server.Accounts;
using Einthoven.Server.Api;
using Einthoven.Server.Booking;
using Einthoven.Server.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Clinics;

/// <summary>
/// System admins create clinics and name their clinic admins; a clinic admin edits their own clinics (details, hours,
/// exceptions, services, rules) and sees their bookings. Another clinic is 403 to them (it is public in the directory,
/// its management and bookings are not).
/// </summary>
public static class ClinicAdminEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin/clinics").WithTags("Admin").RequireAuthorization(p => p.RequireRole(Roles.Admin));
        admin.MapPost("/", Create).Produces<ClinicView>(StatusCodes.Status201Created).ProducesProblem(400).WithSummary("Create a clinic of the directory");
        admin.MapPost("/{id:guid}/admins", AddAdmin).Produces<ClinicAdminView>().ProducesProblem(400).ProducesProblem(404)
            .WithSummary("Make a user with the ClinicAdmin role an admin of the clinic");

        var staff = app.MapGroup("/api").WithTags("Clinics").RequireAuthorization(p => p.RequireRole(Roles.ClinicAdmin));
        staff.MapGet("/clinic-admin/clinics", Mine).Produces<List<ClinicView>>().WithSummary("The clinics you manage");
        staff.MapPut("/clinics/{id:guid}", Update).Produces<ClinicView>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404)
            .WithSummary("Edit your clinic: details, location, time zone, weekly hours, exceptions, services (by id; left out: no new bookings), rules");
        staff.MapGet("/clinics/{id:guid}/bookings", Bookings).Produces<List<BookingView>>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(404)
            .WithSummary("Your clinic's bookings from a date for some days (clinic time; default today and 14 days, at most 92), with the patients' names");
    }

    private static async Task<IResult> Create(ClinicRequest body, HttpContext http, AppDb db, TimeProvider time, CancellationToken ct)
    {
        if (ClinicInput.Validate(http, body, creating: true) is { } invalid) return invalid;
        var clinic = new Clinic { Id = Guid.NewGuid(), CreatedAt = time.GetUtcNow().UtcDateTime };
        List<ClinicService> added = [];
        ClinicInput.Apply(clinic, body, [], added.Add);
        db.Clinics.Add(clinic);
        db.ClinicServices.AddRange(added);
        await db.SaveChangesAsync(ct);
        return Results.Created($"/api/clinics/{clinic.Id}", ClinicViews.View(clinic, added, time.GetUtcNow(), false));
    }

    private static async Task<IResult> AddAdmin(Guid id, ClinicAdminRequest body, HttpContext http, AppDb db, UserManager<AppUser> users, CancellationToken ct)
    {
        if (!await db.Clinics.AnyAsync(c => c.Id == id, ct)) return Problems.NotFound("clinic");
        var user = await users.FindByIdAsync(body.UserId.ToString());
        if (user is null) return Problems.NotFound("user");
        if (!await users.IsInRoleAsync(user, Roles.ClinicAdmin)) return ClinicTexts.Invalid(http, "notClinicAdmin", "userId");
        if (await db.ClinicStaff.FindAsync([user.Id, id], ct) is null)
        {
            db.ClinicStaff.Add(new ClinicStaff { UserId = user.Id, ClinicId = id });
            await db.SaveChangesAsync(ct);
        }
        return Results.Ok(new ClinicAdminView(user.Id, id));
    }

    private static async Task<IResult> Mine(ClaimsPrincipal user, AppDb db, TimeProvider time, CancellationToken ct)
    {
        var me = user.UserId();
        var clinics = await db.Clinics.AsNoTracking().Where(c => db.ClinicStaff.Any(s => s.UserId == me && s.ClinicId == c.Id)).OrderBy(c => c.Name).ToListAsync(ct);
        var ids = clinics.Select(c => c.Id).ToList();
        var services = (await db.ClinicServices.AsNoTracking().Where(s => ids.Contains(s.ClinicId) && s.Active).ToListAsync(ct)).ToLookup(s => s.ClinicId);
        return Results.Ok(clinics.Select(c => ClinicViews.View(c, services[c.Id].OrderBy(s => s.Kind), time.GetUtcNow(), true)).ToList());
    }

    /// <summary>null when the caller manages the clinic; else 404 (no such clinic) or 403 (someone else's).</summary>
    private static async Task<IResult?> RefuseAsync(Guid id, ClaimsPrincipal user, AppDb db, CancellationToken ct)
    {
        if (!await db.Clinics.AnyAsync(c => c.Id == id, ct)) return Problems.NotFound("clinic");
        return await ClinicViews.ManagesAsync(db, user.UserId(), id, ct) ? null : Problems.Forbidden("you are not an admin of this clinic");
    }

    private static async Task<IResult> Update(Guid id, ClinicRequest body, HttpContext http, ClaimsPrincipal user, AppDb db, TimeProvider time, CancellationToken ct)
    {
        if (await RefuseAsync(id, user, db, ct) is { } refused) return refused;
        if (ClinicInput.Validate(http, body, creating: false) is { } invalid) return invalid;
        var clinic = await db.Clinics.SingleAsync(c => c.Id == id, ct);
        var services = await db.ClinicServices.Where(s => s.ClinicId == id).ToListAsync(ct);
        if (body.Services?.FirstOrDefault(s => s.Id is { } sid && services.All(x => x.Id != sid)) is { } unknown)
            return ClinicTexts.Invalid(http, "unknownService", $"services[{body.Services.IndexOf(unknown)}].id");
        ClinicInput.Apply(clinic, body, services, s => { db.ClinicServices.Add(s); services.Add(s); });
        await db.SaveChangesAsync(ct);
        return Results.Ok(ClinicViews.View(clinic, services.Where(s => s.Active).OrderBy(s => s.Kind), time.GetUtcNow(), true));
    }

    private static async Task<IResult> Bookings(Guid id, HttpContext http, ClaimsPrincipal user, AppDb db, TimeProvider time, CancellationToken ct,
        DateOnly? from = null, int days = 14)
    {
        if (await RefuseAsync(id, user, db, ct) is { } refused) return refused;
        if (days is < 1 or > 92) return ClinicTexts.Invalid(http, "range", "days", ("min", 1), ("max", 92));
        var clinic = await db.Clinics.AsNoTracking().SingleAsync(c => c.Id == id, ct);
        var schedule = ClinicSchedule.Of(clinic);
        var now = time.GetUtcNow();
        var first = from ?? DateOnly.FromDateTime(schedule.ToLocal(now).DateTime);
        var start = (schedule.At(first, 0) ?? now).UtcDateTime;
        var end = (schedule.At(first.AddDays(days), 0) ?? now).UtcDateTime;
        var bookings = await db.Appointments.AsNoTracking().Where(b => b.ClinicId == id && b.StartsAt >= start && b.StartsAt < end)
            .OrderBy(b => b.StartsAt).Take(2000).ToListAsync(ct);
        return Results.Ok(await BookingRules.ViewsAsync(db, bookings, now, byClinic: true, ct));
    }
}
