using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Audit;

/// <summary>
/// Writes reads of a patient's data by others (the patient's own reads are not audited): one entry per reader,
/// patient, action and recording per <see cref="AuditThrottle.Span"/>, stamped with the first read of that span, so a
/// viewing session that loads hundreds of window tiles leaves one entry every 10 minutes instead of one per tile.
/// </summary>
public sealed class AuditLog(AppDb db, AuditThrottle throttle, TimeProvider time)
{
    public async Task RecordAsync(Guid actorId, Guid patientId, string action, Guid? recordingId, CancellationToken ct)
    {
        if (actorId == patientId) return;
        var now = time.GetUtcNow().UtcDateTime;
        var key = new AuditKey(actorId, patientId, action, recordingId);
        if (!throttle.TryClaim(key, now)) return;
        try
        {
            // Another server process, or this one before a restart, may have written the entry of this span already.
            if (await LatestAsync(key, now, ct) is { } written && AuditThrottle.IsRecent(written, now))
            {
                throttle.Remember(key, written);
                return;
            }
            db.AuditEntries.Add(new AuditEntry { At = now, ActorId = actorId, PatientId = patientId, Action = action, RecordingId = recordingId });
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            throttle.Release(key, now);
            throw;
        }
    }

    private Task<DateTime?> LatestAsync(AuditKey key, DateTime now, CancellationToken ct)
    {
        var since = now - AuditThrottle.Span;
        return db.AuditEntries.AsNoTracking()
            .Where(a => a.PatientId == key.PatientId && a.At > since && a.ActorId == key.ActorId && a.Action == key.Action && a.RecordingId == key.RecordingId)
            .OrderByDescending(a => a.At).Select(a => (DateTime?)a.At).FirstOrDefaultAsync(ct);
    }
}
