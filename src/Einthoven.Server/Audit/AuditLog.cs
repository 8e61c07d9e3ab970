using Einthoven.Server.Storage;

namespace Einthoven.Server.Audit;

/// <summary>Writes reads of a patient's data by others; the patient's own reads are not audited.</summary>
public sealed class AuditLog(AppDb db, TimeProvider time)
{
    public async Task RecordAsync(Guid actorId, Guid patientId, string action, Guid? recordingId, CancellationToken ct)
    {
        if (actorId == patientId) return;
        db.AuditEntries.Add(new AuditEntry { At = time.GetUtcNow().UtcDateTime, ActorId = actorId, PatientId = patientId, Action = action, RecordingId = recordingId });
        await db.SaveChangesAsync(ct);
    }
}
