using Einthoven.Server.Api;
using System.Security.Claims;
using Einthoven.Server.Accounts;
using Einthoven.Server.Audit;
using Einthoven.Server.Recordings;
using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Sharing;

/// <summary>
/// Who may read a patient's data: the patient, a doctor holding an active grant from that patient, and the monitoring
/// staff of an organisation the patient is enrolled with; and, for one recording, the cardiologists a verification of
/// it is routed to. Nobody else, admins included. Every read by someone other than the patient is written to the audit log.
/// </summary>
public sealed class PatientAccess(AppDb db, AuditLog audit, TimeProvider time)
{
    /// <summary>The recording when the user may read it (auditing the read), else null.</summary>
    public async Task<Recording?> ReadRecordingAsync(ClaimsPrincipal user, Guid recordingId, string action, CancellationToken ct)
    {
        var recording = await db.Recordings.AsNoTracking().SingleOrDefaultAsync(r => r.Id == recordingId, ct);
        if (recording is null || !await CanReadRecordingAsync(user, recording, ct)) return null;
        await audit.RecordAsync(user.UserId(), recording.PatientId, action, recording.Id, ct);
        return recording;
    }

    /// <summary>True when the user may read the patient's data, auditing the read.</summary>
    public async Task<bool> ReadPatientAsync(ClaimsPrincipal user, Guid patientId, string action, CancellationToken ct)
    {
        if (!await CanReadPatientAsync(user, patientId, ct)) return false;
        await audit.RecordAsync(user.UserId(), patientId, action, null, ct);
        return true;
    }

    /// <summary>Whoever may read the patient's data, and cardiologists to whom a verification of this recording is routed.</summary>
    public async Task<bool> CanReadRecordingAsync(ClaimsPrincipal user, Recording recording, CancellationToken ct) =>
        await CanReadPatientAsync(user, recording.PatientId, ct) || await Verification.VerificationRouting.CanReadRecordingAsync(db, user, recording.Id, ct);

    public async Task<bool> CanReadPatientAsync(ClaimsPrincipal user, Guid patientId, CancellationToken ct)
    {
        var userId = user.UserId();
        if (userId == patientId) return true;
        if (user.IsInRole(Roles.Monitor) && await Monitoring.MonitoringAccess.CanMonitorAsync(db, userId, patientId, ct)) return true;
        return await HoldsGrantAsync(user, patientId, ct);
    }

    /// <summary>True for a doctor holding a live grant from the patient.</summary>
    public async Task<bool> HoldsGrantAsync(ClaimsPrincipal user, Guid patientId, CancellationToken ct)
    {
        if (!user.IsInRole(Roles.Doctor)) return false;
        var userId = user.UserId();
        var now = time.GetUtcNow().UtcDateTime;
        return await db.AccessGrants.AnyAsync(g => g.DoctorId == userId && g.PatientId == patientId && g.RevokedAt == null
                                                   && (g.ExpiresAt == null || g.ExpiresAt > now), ct);
    }
}
