using System.Security.Claims;
using Einthoven.Server.Accounts;
using Einthoven.Server.Api;
using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Audit;

public sealed record AuditView(long Id, DateTime At, string Action, Guid? RecordingId, Guid ActorId, string ActorEmail, string ActorName, Guid PatientId);

/// <summary>The audit log: a patient sees who read their data; an admin sees every entry (who, what, when - not the data).</summary>
public static class AuditEndpoints
{
    private const int MaxPage = 500;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", Mine).WithTags("Audit").RequireAuthorization(p => p.RequireRole(Roles.Patient))
            .WithSummary("Patient: every read of your data by someone else, newest first");
        app.MapGet("/api/admin/audit", All).WithTags("Admin").RequireAuthorization(p => p.RequireRole(Roles.Admin))
            .WithSummary("Admin: the whole audit log, newest first, optionally for one patient");
    }

    private static async Task<IResult> Mine(ClaimsPrincipal user, AppDb db, int? take, CancellationToken ct) =>
        Results.Ok(await Query(db, user.UserId(), take, ct));

    private static async Task<IResult> All(AppDb db, Guid? patientId, int? take, CancellationToken ct) =>
        Results.Ok(await Query(db, patientId, take, ct));

    private static Task<List<AuditView>> Query(AppDb db, Guid? patientId, int? take, CancellationToken ct) =>
        (from a in db.AuditEntries.AsNoTracking()
         join u in db.Users on a.ActorId equals u.Id into actors
         from u in actors.DefaultIfEmpty()
         where patientId == null || a.PatientId == patientId
         orderby a.Id descending
         select new AuditView(a.Id, a.At, a.Action, a.RecordingId, a.ActorId, u == null ? "" : u.Email!, u == null ? "" : u.DisplayName, a.PatientId))
        .Take(Math.Clamp(take ?? 100, 1, MaxPage)).ToListAsync(ct);
}
