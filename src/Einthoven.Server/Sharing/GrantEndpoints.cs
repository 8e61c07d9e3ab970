using System.Security.Claims;
using Einthoven.Server.Accounts;
using Einthoven.Server.Api;
using Einthoven.Server.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Sharing;

/// <summary>Grants: a doctor claims one with e-mail + key; the patient lists and revokes; the doctor lists patients.</summary>
public static class GrantEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var grants = app.MapGroup("/api/grants").WithTags("Sharing");
        grants.MapPost("/", Claim).RequireAuthorization(p => p.RequireRole(Roles.Doctor)).RequireRateLimiting(RateLimits.Keys)
            .Produces<GrantView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Doctor: gain access to a patient with the patient's e-mail and an access key (each claim uses the key once)");
        grants.MapGet("/", List).RequireAuthorization(p => p.RequireRole(Roles.Patient, Roles.Doctor))
            .Produces<List<GrantView>>().WithSummary("Patient: grants given; doctor: grants held");
        grants.MapDelete("/{id:guid}", Revoke).RequireAuthorization(p => p.RequireRole(Roles.Patient))
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Patient: revoke a grant; that doctor can never claim the same key again");
        app.MapGet("/api/doctor/patients", Patients).WithTags("Sharing").RequireAuthorization(p => p.RequireRole(Roles.Doctor))
            .Produces<List<SharedPatientView>>().WithSummary("Doctor: the patients who currently grant you access");
    }

    /// <summary>
    /// Exactly one key hash is verified whatever the input (a dummy one when there is no such patient or key), so that
    /// neither the cost nor the answer tells which e-mails belong to patients. The key's use is counted by a conditional
    /// update inside the transaction that adds the grant, so two doctors claiming a single-use key at once get one grant.
    /// </summary>
    private static async Task<IResult> Claim(ClaimGrantRequest body, ClaimsPrincipal user, AppDb db, UserManager<AppUser> users, KeyHasher hasher,
        TimeProvider time, CancellationToken ct)
    {
        var refused = Problems.BadRequest("no matching access key", "the e-mail and key do not match an active access key", "key");
        var now = time.GetUtcNow().UtcDateTime;
        var patient = await users.FindByEmailAsync(body.PatientEmail ?? "");
        var patientId = patient is not null && await users.IsInRoleAsync(patient, Roles.Patient) ? patient.Id : Guid.Empty;
        var identifier = KeyHasher.IdentifierOf(body.Key);
        var key = identifier is null ? null : await db.AccessKeys.AsNoTracking().SingleOrDefaultAsync(k => k.PatientId == patientId && k.Identifier == identifier, ct);
        if (!hasher.Verify(body.Key ?? "", key?.Hash) || key is null || !key.CanAdmit(now)) return refused;

        var doctorId = user.UserId();
        var grant = new AccessGrant { Id = Guid.NewGuid(), PatientId = key.PatientId, DoctorId = doctorId, AccessKeyId = key.Id, CreatedAt = now, ExpiresAt = key.ExpiresAt };
        var strategy = db.Database.CreateExecutionStrategy();
        var granted = await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // Writing first takes the key's row (PostgreSQL) or the database (SQLite): a second claim waits here, then sees this one's grant.
            if (await db.AccessKeys.Where(k => k.Id == key.Id).Where(AccessKey.Admits(now))
                    .ExecuteUpdateAsync(s => s.SetProperty(k => k.Uses, k => k.Uses + 1), ct) == 0) return false;
            // A doctor whose grant from this key was revoked (or who holds one) never gets another from it.
            if (await db.AccessGrants.AnyAsync(g => g.AccessKeyId == key.Id && g.DoctorId == doctorId, ct)) return false;
            db.AccessGrants.Add(grant);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return true;
        });
        if (!granted) return refused;
        var doctor = await users.FindByIdAsync(doctorId.ToString());
        return Results.Created($"/api/grants/{grant.Id}", View(grant, patient!, doctor!, now));
    }

    private static async Task<IResult> List(ClaimsPrincipal user, AppDb db, TimeProvider time, CancellationToken ct)
    {
        var me = user.UserId();
        var now = time.GetUtcNow().UtcDateTime;
        var rows = await (from g in db.AccessGrants.AsNoTracking()
                          join p in db.Users on g.PatientId equals p.Id
                          join d in db.Users on g.DoctorId equals d.Id
                          where g.PatientId == me || g.DoctorId == me
                          orderby g.CreatedAt
                          select new { g, p, d }).ToListAsync(ct);
        return Results.Ok(rows.Select(r => View(r.g, r.p, r.d, now)).ToList());
    }

    private static Task<IResult> Revoke(Guid id, ClaimsPrincipal user, AppDb db, TimeProvider time, CancellationToken ct) =>
        db.RevokeAsync(db.AccessGrants.Where(g => g.Id == id && g.PatientId == user.UserId()), "grant", time, ct);

    private static async Task<IResult> Patients(ClaimsPrincipal user, AppDb db, TimeProvider time, CancellationToken ct)
    {
        var me = user.UserId();
        var now = time.GetUtcNow().UtcDateTime;
        var rows = await (from g in db.AccessGrants.AsNoTracking()
                          join p in db.Users on g.PatientId equals p.Id
                          where g.DoctorId == me && g.RevokedAt == null && (g.ExpiresAt == null || g.ExpiresAt > now)
                          select new SharedPatientView(p.Id, p.Email!, p.DisplayName, g.Id, g.CreatedAt, g.ExpiresAt)).ToListAsync(ct);
        return Results.Ok(rows.OrderBy(r => r.DisplayName, StringComparer.CurrentCultureIgnoreCase).ToList()); // names are encrypted in the database
    }

    private static GrantView View(AccessGrant g, AppUser patient, AppUser doctor, DateTime now) =>
        new(g.Id, new PersonView(patient.Id, patient.Email ?? "", patient.DisplayName), new PersonView(doctor.Id, doctor.Email ?? "", doctor.DisplayName),
            g.CreatedAt, g.ExpiresAt, g.RevokedAt, g.IsActive(now));
}
