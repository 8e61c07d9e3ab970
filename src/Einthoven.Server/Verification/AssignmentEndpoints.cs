using Einthoven.Server.Accounts;
using Einthoven.Server.Api;
using Einthoven.Server.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Verification;

/// <summary>Admins assign cardiologists to patients: the patient's verification requests then reach them.</summary>
public static class AssignmentEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin/verification/assignments").WithTags("Admin").RequireAuthorization(p => p.RequireRole(Roles.Admin));
        admin.MapGet("/", List).Produces<List<AssignmentView>>()
            .WithSummary("Cardiologist assignments, newest first (cardiologistId, patientId: only theirs)");
        admin.MapPost("/", Assign).Produces<AssignmentView>(StatusCodes.Status201Created).ProducesProblem(400).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Assign a cardiologist (a user with the Cardiologist role) to a patient; 409 when already assigned");
        admin.MapDelete("/{id:guid}", Unassign).Produces(StatusCodes.Status204NoContent).ProducesProblem(404)
            .WithSummary("End an assignment: the patient's requests no longer reach the cardiologist");
    }

    private static async Task<IResult> List(Guid? cardiologistId, Guid? patientId, AppDb db, CancellationToken ct)
    {
        var rows = await db.CardiologistAssignments.AsNoTracking()
            .Where(a => (cardiologistId == null || a.CardiologistId == cardiologistId) && (patientId == null || a.PatientId == patientId))
            .OrderByDescending(a => a.AssignedAt).Take(1000).ToListAsync(ct);
        return Results.Ok(await ViewsAsync(db, rows, ct));
    }

    private static async Task<IResult> Assign(AssignmentRequest body, AppDb db, UserManager<AppUser> users, TimeProvider time, CancellationToken ct)
    {
        var cardiologist = await users.FindByIdAsync(body.CardiologistId.ToString());
        if (cardiologist is null) return Problems.NotFound("user");
        if (!await users.IsInRoleAsync(cardiologist, Roles.Cardiologist))
            return Problems.BadRequest("not a cardiologist", "give the user the Cardiologist role first", "cardiologistId");
        var patient = await users.FindByIdAsync(body.PatientId.ToString());
        if (patient is null) return Problems.NotFound("patient");
        if (!await users.IsInRoleAsync(patient, Roles.Patient)) return Problems.BadRequest("not a patient", "patientId is not a patient's account", "patientId");
        if (await db.CardiologistAssignments.AnyAsync(a => a.CardiologistId == cardiologist.Id && a.PatientId == patient.Id, ct))
            return Already();
        var assignment = new CardiologistAssignment
        {
            Id = Guid.NewGuid(), CardiologistId = cardiologist.Id, PatientId = patient.Id, AssignedAt = time.GetUtcNow().UtcDateTime,
        };
        db.CardiologistAssignments.Add(assignment);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { return Already(); } // the same assignment made at the same moment
        return Results.Created($"/api/admin/verification/assignments/{assignment.Id}", (await ViewsAsync(db, [assignment], ct)).Single());
    }

    private static IResult Already() => Problems.Conflict("the cardiologist is already assigned to this patient");

    private static async Task<IResult> Unassign(Guid id, AppDb db, CancellationToken ct) =>
        await db.CardiologistAssignments.Where(a => a.Id == id).ExecuteDeleteAsync(ct) > 0 ? Results.NoContent() : Problems.NotFound("assignment");

    private static async Task<List<AssignmentView>> ViewsAsync(AppDb db, IReadOnlyList<CardiologistAssignment> rows, CancellationToken ct)
    {
        var ids = rows.SelectMany(a => new[] { a.CardiologistId, a.PatientId }).Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => (u.DisplayName, Email: u.Email ?? ""), ct);
        return rows.Select(a =>
        {
            var (cardiologist, patient) = (people.GetValueOrDefault(a.CardiologistId), people.GetValueOrDefault(a.PatientId));
            return new AssignmentView(a.Id, a.CardiologistId, cardiologist.DisplayName ?? "", cardiologist.Email ?? "", a.PatientId,
                patient.DisplayName ?? "", patient.Email ?? "", a.AssignedAt);
        }).ToList();
    }
}
