using Einthoven.Interop;
using Einthoven.Server.Accounts;
using Einthoven.Server.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Fhir;

/// <summary>Patient accounts as FHIR Patients (the caller's right to see them is checked by the endpoints).</summary>
public sealed class FhirPatients(AppDb db, UserManager<AppUser> users, TimeProvider time)
{
    /// <summary>The account as a Patient when it is a patient's, else null.</summary>
    public async Task<Hl7.Fhir.Model.Patient?> FindAsync(Guid id, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct);
        return user is not null && await users.IsInRoleAsync(user, Roles.Patient) ? PatientResources.Patient(id.ToString(), user.DisplayName, user.Email) : null;
    }

    /// <summary>The patients whose records the user may read by right of being them or of a live grant to them.</summary>
    public async Task<List<Guid>> VisibleAsync(Guid userId, bool doctor, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var granted = doctor
            ? await db.AccessGrants.AsNoTracking().Where(g => g.DoctorId == userId && g.RevokedAt == null && (g.ExpiresAt == null || g.ExpiresAt > now))
                .Select(g => g.PatientId).Distinct().ToListAsync(ct)
            : [];
        return [userId, .. granted.Where(g => g != userId).Order()];
    }
}
