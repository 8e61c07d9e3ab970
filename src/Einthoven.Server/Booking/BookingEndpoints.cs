using System.Security.Claims;
using Einthoven.Server.Accounts;
using Einthoven.Server.Api;
using Einthoven.Server.Clinics;
using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Booking;

/// <summary>
/// A patient books a slot of a clinic's service, lists, cancels and reschedules their bookings under the clinic's rules;
/// a clinic admin cancels their clinic's bookings. No slot is booked twice: the database's partial unique index refuses
/// the second booking even when the requests race, and that answer is 409 "slot already booked".
/// </summary>
public static class BookingEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var patients = app.MapGroup("/api/bookings").WithTags("Booking").RequireAuthorization(p => p.RequireRole(Roles.Patient));
        patients.MapPost("/", Book).Produces<BookingView>(StatusCodes.Status201Created).ProducesProblem(400).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Book a slot: serviceId and the slot's start (ISO 8601 with offset, exactly a start of GET /api/clinics/{id}/slots); 409 when it is taken");
        patients.MapGet("/", Mine).Produces<List<BookingView>>().WithSummary("Your bookings, soonest first (upcoming, then past and cancelled)");
        patients.MapPost("/{id:guid}/reschedule", Reschedule).Produces<BookingView>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Move your booking to another slot of the same service, in one step (the new slot taken, the old one freed); until the clinic's cut-off");

        var either = app.MapGroup("/api/bookings").WithTags("Booking").RequireAuthorization(p => p.RequireRole(Roles.Patient, Roles.ClinicAdmin));
        either.MapGet("/{id:guid}", Get).Produces<BookingView>().ProducesProblem(404).WithSummary("A booking: its patient's, or its clinic's admins'");
        either.MapPost("/{id:guid}/cancel", Cancel).Produces<BookingView>().ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Cancel a booking: the patient until the clinic's cut-off, the clinic until it starts");
    }

    private static async Task<IResult> Book(BookingRequest body, HttpContext http, ClaimsPrincipal user, AppDb db, BookingNotices notices, TimeProvider time, CancellationToken ct)
    {
        var service = await db.ClinicServices.AsNoTracking().SingleOrDefaultAsync(s => s.Id == body.ServiceId, ct);
        if (service is null || !service.Active) return Problems.NotFound("service");
        var clinic = await db.Clinics.AsNoTracking().SingleAsync(c => c.Id == service.ClinicId, ct);
        var now = time.GetUtcNow();
        if (BookingRules.CheckSlot(http, clinic, service, body.Start, now) is { } invalid) return invalid;
        var me = user.UserId();
        var upcoming = await db.Appointments.CountAsync(b => b.PatientId == me && b.CancelledAt == null && b.StartsAt > now.UtcDateTime, ct);
        if (upcoming >= BookingRules.MaxUpcomingPerPatient) return ClinicTexts.Conflict(http, "tooManyBookings", ("count", BookingRules.MaxUpcomingPerPatient));
        var booking = new Appointment
        {
            Id = Guid.NewGuid(), ClinicId = clinic.Id, ServiceId = service.Id, PatientId = me, StartsAt = body.Start.UtcDateTime,
            EndsAt = body.Start.UtcDateTime.AddMinutes(service.DurationMinutes), CreatedAt = now.UtcDateTime,
        };
        db.Appointments.Add(booking);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException e) when (SlotConflicts.IsSlotTaken(e)) { return SlotTaken(http, clinic, service, body.Start); }
        await notices.ConfirmedAsync(booking, clinic, service.Kind, ct);
        return Results.Created($"/api/bookings/{booking.Id}", BookingRules.View(booking, clinic, service, now, byClinic: false));
    }

    private static IResult SlotTaken(HttpContext http, Clinic clinic, ClinicService service, DateTimeOffset start) =>
        ClinicTexts.Conflict(http, "slotTaken", ("clinic", clinic.Name), ("start", ClinicViews.Iso(ClinicSchedule.Of(clinic).ToLocal(start))),
            ("service", Localization.Texts.Shared.Get(Localization.Languages.Of(http), $"clinics.service.{service.Kind}")));

    private static async Task<IResult> Mine(ClaimsPrincipal user, AppDb db, TimeProvider time, CancellationToken ct)
    {
        var me = user.UserId();
        var now = time.GetUtcNow();
        var bookings = await db.Appointments.AsNoTracking().Where(b => b.PatientId == me).OrderByDescending(b => b.StartsAt).Take(500).ToListAsync(ct);
        var ordered = bookings.OrderBy(b => b.CancelledAt is null && b.EndsAt > now.UtcDateTime ? 0 : 1)
            .ThenBy(b => b.CancelledAt is null && b.EndsAt > now.UtcDateTime ? b.StartsAt.Ticks : -b.StartsAt.Ticks).ToList();
        return Results.Ok(await BookingRules.ViewsAsync(db, ordered, now, byClinic: false, ct));
    }

    /// <summary>The booking if the caller is its patient or an admin of its clinic (byClinic), else null (404 for everyone else).</summary>
    internal static async Task<(Appointment Booking, bool ByClinic)?> VisibleAsync(AppDb db, ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        var me = user.UserId();
        var booking = await db.Appointments.SingleOrDefaultAsync(b => b.Id == id, ct);
        if (booking is null) return null;
        if (booking.PatientId == me && user.IsInRole(Roles.Patient)) return (booking, false);
        if (user.IsInRole(Roles.ClinicAdmin) && await ClinicViews.ManagesAsync(db, me, booking.ClinicId, ct)) return (booking, true);
        return null;
    }

    private static async Task<IResult> Get(Guid id, ClaimsPrincipal user, AppDb db, TimeProvider time, CancellationToken ct)
    {
        if (await VisibleAsync(db, user, id, ct) is not var (booking, byClinic)) return Problems.NotFound("booking");
        return Results.Ok((await BookingRules.ViewsAsync(db, [booking], time.GetUtcNow(), byClinic, ct))[0]);
    }

    private static async Task<IResult> Cancel(Guid id, HttpContext http, ClaimsPrincipal user, AppDb db, BookingNotices notices, TimeProvider time, CancellationToken ct)
    {
        if (await VisibleAsync(db, user, id, ct) is not var (booking, byClinic)) return Problems.NotFound("booking");
        var clinic = await db.Clinics.AsNoTracking().SingleAsync(c => c.Id == booking.ClinicId, ct);
        var now = time.GetUtcNow();
        if (Unchangeable(http, booking, clinic, now, byClinic) is { } refused) return refused;
        // Conditional: of two cancellations (or a cancellation and a reschedule) at once, one wins.
        var cancelled = await db.Appointments.Where(b => b.Id == id && b.CancelledAt == null && b.StartsAt == booking.StartsAt)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.CancelledAt, now.UtcDateTime).SetProperty(b => b.CancelledBy, byClinic ? "clinic" : "patient"), ct);
        if (cancelled == 0) return ClinicTexts.Conflict(http, "changed");
        (booking.CancelledAt, booking.CancelledBy) = (now.UtcDateTime, byClinic ? "clinic" : "patient");
        var service = await db.ClinicServices.AsNoTracking().SingleAsync(s => s.Id == booking.ServiceId, ct);
        await notices.CancelledAsync(booking, clinic, service.Kind, ct);
        return Results.Ok((await BookingRules.ViewsAsync(db, [booking], now, byClinic, ct))[0]);
    }

    private static IResult? Unchangeable(HttpContext http, Appointment booking, Clinic clinic, DateTimeOffset now, bool byClinic)
    {
        if (booking.CancelledAt is not null) return ClinicTexts.Conflict(http, "cancelled");
        if (booking.RecordingId is not null) return ClinicTexts.Conflict(http, "hasResults");
        if (!BookingRules.CanChange(booking, clinic, now, byClinic)) return ClinicTexts.Conflict(http, "tooLate", ("hours", byClinic ? 0 : clinic.ChangeCutoffHours));
        return null;
    }

    private static async Task<IResult> Reschedule(Guid id, RescheduleRequest body, HttpContext http, ClaimsPrincipal user, AppDb db, BookingNotices notices, TimeProvider time,
        CancellationToken ct)
    {
        if (await VisibleAsync(db, user, id, ct) is not var (booking, byClinic) || byClinic) return Problems.NotFound("booking");
        var clinic = await db.Clinics.AsNoTracking().SingleAsync(c => c.Id == booking.ClinicId, ct);
        var service = await db.ClinicServices.AsNoTracking().SingleAsync(s => s.Id == booking.ServiceId, ct);
        var now = time.GetUtcNow();
        if (Unchangeable(http, booking, clinic, now, byClinic) is { } refused) return refused;
        if (BookingRules.CheckSlot(http, clinic, service, body.Start, now) is { } invalid) return invalid;
        if (body.Start.UtcDateTime == booking.StartsAt) return Results.Ok(BookingRules.View(booking, clinic, service, now, byClinic));
        // One UPDATE of the same row: the new time is taken and the old one freed together, or (the slot is taken) neither.
        booking.StartsAt = body.Start.UtcDateTime;
        booking.EndsAt = booking.StartsAt.AddMinutes(service.DurationMinutes);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException e) when (SlotConflicts.IsSlotTaken(e)) { return SlotTaken(http, clinic, service, body.Start); }
        await notices.RescheduledAsync(booking, clinic, service.Kind, ct);
        return Results.Ok(BookingRules.View(booking, clinic, service, now, byClinic));
    }
}
