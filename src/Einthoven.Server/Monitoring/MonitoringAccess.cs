using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Monitoring;

/// <summary>Monitoring staff reach a patient only while the patient is enrolled with an organisation they belong to.</summary>
public static class MonitoringAccess
{
    public static Task<bool> CanMonitorAsync(AppDb db, Guid staffId, Guid patientId, CancellationToken ct) =>
        db.Enrolments.AnyAsync(e => e.PatientId == patientId && e.EndedAt == null
                                    && db.StaffMemberships.Any(m => m.UserId == staffId && m.OrganisationId == e.OrganisationId), ct);

    public static IQueryable<Guid> OrganisationsOf(AppDb db, Guid staffId) =>
        db.StaffMemberships.Where(m => m.UserId == staffId).Select(m => m.OrganisationId);
}
