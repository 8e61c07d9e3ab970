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
            .WithSummary("Doctor: gain access to a patient with the patient's e-mail and an access key");
        grants.MapGet("/", List).RequireAuthorization(p => p.RequireRole(Roles.Patient, Roles.Doctor))
            .WithSummary("Patient: grants given; doctor: grants held");
        grants.MapDelete("/{id:guid}", Revoke).RequireAuthorization(p => p.RequireRole(Roles.Patient))
            .WithSummary("Patient: revoke a grant");
        app.MapGet("/api/doctor/patients", Patients).WithTags("Sharing").RequireAuthorization(p => p.RequireRole(Roles.Doctor))
            .WithSummary("Doctor: the patients who currently grant you access");
    }

    private static async Task<IResult> Claim(ClaimGrantRequest body, ClaimsPrincipal user, AppDb db, UserManager<AppUser> users, TimeProvider time, CancellationToken ct)
    {
        var refused = Problems.BadRequest("no matching access key", "the e-mail and key do not match an active access key", "key");
        var now = time.GetUtcNow().UtcDateTime;
        var patient = await users.FindByEmailAsync(body.PatientEmail ?? "");
        if (patient is null || !await users.IsInRoleAsync(patient, Roles.Patient)) return refused;
        var keys = await db.AccessKeys.AsNoTracking()
            .Where(k => k.PatientId == patient.Id && k.RevokedAt == null && (k.ExpiresAt == null || k.ExpiresAt > now)).ToListAsync(ct);
        var key = keys.FirstOrDefault(k => KeyHasher.Verify(body.Key ?? "", k.Hash));
        if (key is null) return refused;
        var doctorId = user.UserId();
        var grant = new AccessGrant { Id = Guid.NewGuid(), PatientId = patient.Id, DoctorId = doctorId, AccessKeyId = key.Id, CreatedAt = now, ExpiresAt = key.ExpiresAt };
        db.AccessGrants.Add(grant);
        await db.SaveChangesAsync(ct);
        var doctor = await users.FindByIdAsync(doctorId.ToString());
        return Results.Created($"/api/grants/{grant.Id}", View(grant, patient, doctor!, now));
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
                          orderby p.DisplayName
                          select new SharedPatientView(p.Id, p.Email!, p.DisplayName, g.Id, g.CreatedAt, g.ExpiresAt)).ToListAsync(ct);
        return Results.Ok(rows);
    }

    private static GrantView View(AccessGrant g, AppUser patient, AppUser doctor, DateTime now) =>
        new(g.Id, new PersonView(patient.Id, patient.Email ?? "", patient.DisplayName), new PersonView(doctor.Id, doctor.Email ?? "", doctor.DisplayName),
            g.CreatedAt, g.ExpiresAt, g.RevokedAt, g.IsActive(now));
}
