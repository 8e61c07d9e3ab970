using System.Security.Claims;
using Einthoven.Server.Accounts;
using Einthoven.Server.Api;
using Einthoven.Server.Clinics;
using Einthoven.Server.Recordings;
using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Einthoven.Server.Booking;

/// <summary>
/// The recording made at an appointment joins its booking: the clinic uploads it (it becomes the patient's recording and
/// is analysed like any upload) or attaches one that reached the patient's account another way; the patient is then
/// told that results are ready.
/// </summary>
public static class BookingRecordingEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/bookings/{id:guid}/recording").WithTags("Booking").RequireAuthorization(p => p.RequireRole(Roles.ClinicAdmin));
        group.MapPost("/", Upload).DisableAntiforgery().Accepts<IFormFileCollection>("multipart/form-data")
            .Produces<BookingView>(StatusCodes.Status201Created).ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).ProducesProblem(413).ProducesProblem(422)
            .WithSummary("Upload the appointment's recording (as POST /api/recordings takes it) for the booking's patient; the patient is told results are ready");
        group.MapPut("/", Attach).Produces<BookingView>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Attach a recording of the booking's patient that is already stored; the patient is told results are ready");
    }

    private static async Task<IResult> Upload(Guid id, HttpRequest request, ClaimsPrincipal user, AppDb db, RecordingImporter importer, BookingNotices notices,
        IOptions<ServerOptions> options, TimeProvider time, CancellationToken ct)
    {
        if (await ClinicBookingAsync(db, user, id, ct) is not { } booking) return Problems.NotFound("booking");
        if (Refuse(request.HttpContext, booking) is { } refused) return refused;
        return await UploadedRecord.UseAsync(request, options.Value, async upload =>
        {
            var (recording, _) = await importer.ImportAsync(booking.PatientId, upload.Reader, upload.FormatName, upload.ShownName, ct);
            return await AttachAsync(request.HttpContext, db, notices, booking, recording.Id, time, created: true, ct);
        }, ct);
    }

    private static async Task<IResult> Attach(Guid id, AttachRecordingRequest body, HttpContext http, ClaimsPrincipal user, AppDb db, BookingNotices notices,
        TimeProvider time, CancellationToken ct)
    {
        if (await ClinicBookingAsync(db, user, id, ct) is not { } booking) return Problems.NotFound("booking");
        if (Refuse(http, booking) is { } refused) return refused;
        if (!await db.Recordings.AnyAsync(r => r.Id == body.RecordingId && r.PatientId == booking.PatientId, ct))
            return ClinicTexts.Invalid(http, "notPatientsRecording", "recordingId");
        return await AttachAsync(http, db, notices, booking, body.RecordingId, time, created: false, ct);
    }

    private static async Task<Appointment?> ClinicBookingAsync(AppDb db, ClaimsPrincipal user, Guid id, CancellationToken ct) =>
        await BookingEndpoints.VisibleAsync(db, user, id, ct) is ({ } booking, true) ? booking : null;

    private static IResult? Refuse(HttpContext http, Appointment booking) =>
        booking.CancelledAt is not null ? ClinicTexts.Conflict(http, "cancelled")
        : booking.RecordingId is not null ? ClinicTexts.Conflict(http, "hasResults")
        : null;

    private static async Task<IResult> AttachAsync(HttpContext http, AppDb db, BookingNotices notices, Appointment booking, Guid recordingId, TimeProvider time,
        bool created, CancellationToken ct)
    {
        // Conditional (and independent of the change tracker, which the import clears): of two attachments at once, one wins.
        var attached = await db.Appointments.Where(b => b.Id == booking.Id && b.RecordingId == null && b.CancelledAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.RecordingId, recordingId), ct);
        if (attached == 0) return ClinicTexts.Conflict(http, "hasResults");
        booking.RecordingId = recordingId;
        var clinic = await db.Clinics.AsNoTracking().SingleAsync(c => c.Id == booking.ClinicId, ct);
        var service = await db.ClinicServices.AsNoTracking().SingleAsync(s => s.Id == booking.ServiceId, ct);
        await notices.ResultsReadyAsync(booking, clinic, service.Kind, recordingId, ct);
        var view = BookingRules.View(booking, clinic, service, time.GetUtcNow(), byClinic: true);
        return created ? Results.Created($"/api/bookings/{booking.Id}", view) : Results.Ok(view);
    }
}
