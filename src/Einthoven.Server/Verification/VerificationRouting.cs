using System.Security.Claims;
using Einthoven.Server.Accounts;
using Einthoven.Server.Api;
using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Verification;

/// <summary>
/// Which verification requests reach which cardiologist: those of the patients an admin assigned to them, and those
/// pushed to an organisation they are staff of while the patient is still enrolled with it. A cardiologist may read a
/// recording (signal, analysis, the other sets) only while one of its requests is routed to them.
/// </summary>
public static class VerificationRouting
{
    public static IQueryable<VerificationRequest> RoutedTo(AppDb db, Guid cardiologist) =>
        db.VerificationRequests.Where(r => r.Status != VerificationStatus.Withdrawn
            && (db.CardiologistAssignments.Any(a => a.CardiologistId == cardiologist && a.PatientId == r.PatientId)
                || (r.OrganisationId != null && db.StaffMemberships.Any(m => m.UserId == cardiologist && m.OrganisationId == r.OrganisationId)
                    && db.Enrolments.Any(e => e.PatientId == r.PatientId && e.OrganisationId == r.OrganisationId && e.EndedAt == null))));

    /// <summary>True when the user is a cardiologist to whom a request of this recording is routed.</summary>
    public static async Task<bool> CanReadRecordingAsync(AppDb db, ClaimsPrincipal user, Guid recordingId, CancellationToken ct) =>
        user.IsInRole(Roles.Cardiologist) && await RoutedTo(db, user.UserId()).AnyAsync(r => r.RecordingId == recordingId, ct);

    public static Task<bool> IsRoutedAsync(AppDb db, Guid cardiologist, Guid requestId, CancellationToken ct) =>
        RoutedTo(db, cardiologist).AnyAsync(r => r.Id == requestId, ct);

    /// <summary>The cardiologists a request reaches now.</summary>
    public static Task<int> CountAsync(AppDb db, VerificationRequest request, CancellationToken ct)
    {
        var assigned = db.CardiologistAssignments.Where(a => a.PatientId == request.PatientId).Select(a => a.CardiologistId);
        var routed = request.OrganisationId is { } org ? assigned.Union(ViaOrganisation(db, request.PatientId, org)) : assigned;
        return routed.Where(id => Cardiologists(db).Contains(id)).Distinct().CountAsync(ct);
    }

    /// <summary>Users who hold the Cardiologist role.</summary>
    public static IQueryable<Guid> Cardiologists(AppDb db) =>
        db.UserRoles.Where(ur => db.Roles.Any(role => role.Id == ur.RoleId && role.Name == Roles.Cardiologist)).Select(ur => ur.UserId);

    private static IQueryable<Guid> ViaOrganisation(AppDb db, Guid patient, Guid organisation) =>
        db.StaffMemberships.Where(m => m.OrganisationId == organisation
                                       && db.Enrolments.Any(e => e.PatientId == patient && e.OrganisationId == organisation && e.EndedAt == null))
            .Select(m => m.UserId);
}
