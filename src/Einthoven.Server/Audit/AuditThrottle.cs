using System.Collections.Concurrent;

namespace Einthoven.Server.Audit;

/// <summary>What one audit entry stands for: a reader's reads of one kind of one patient's recording (or of the patient).</summary>
public readonly record struct AuditKey(Guid ActorId, Guid PatientId, string Action, Guid? RecordingId);

/// <summary>
/// Remembers, in this process, when each <see cref="AuditKey"/> last got an entry, so that repeated reads within
/// <see cref="Span"/> (every tile of a viewing session) cost neither a database write nor a query. Concurrent reads of
/// one key race for a claim; exactly one of them writes.
/// </summary>
public sealed class AuditThrottle
{
    public static readonly TimeSpan Span = TimeSpan.FromMinutes(10);
    private const int PruneAbove = 10_000;
    private readonly ConcurrentDictionary<AuditKey, DateTime> _last = new();

    /// <summary>True when the caller should write an entry for <paramref name="key"/> at <paramref name="now"/>; false when one is recent.</summary>
    public bool TryClaim(AuditKey key, DateTime now)
    {
        while (true)
        {
            if (_last.TryGetValue(key, out var last))
            {
                if (IsRecent(last, now)) return false;
                if (_last.TryUpdate(key, now, last)) return true;
            }
            else if (_last.TryAdd(key, now))
            {
                if (_last.Count > PruneAbove) Prune(now);
                return true;
            }
        }
    }

    /// <summary>Records an entry written at <paramref name="at"/> (found in the database, e.g. written before a restart).</summary>
    public void Remember(AuditKey key, DateTime at) => _last[key] = at;

    /// <summary>Gives up a claim whose entry could not be written, so that the next read tries again.</summary>
    public void Release(AuditKey key, DateTime claimedAt) => _last.TryRemove(new KeyValuePair<AuditKey, DateTime>(key, claimedAt));

    public static bool IsRecent(DateTime entryAt, DateTime now) => now - entryAt < Span;

    private void Prune(DateTime now)
    {
        foreach (var (key, at) in _last)
            if (!IsRecent(at, now)) _last.TryRemove(new KeyValuePair<AuditKey, DateTime>(key, at));
    }
}
