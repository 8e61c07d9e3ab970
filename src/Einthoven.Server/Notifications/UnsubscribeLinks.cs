using System.Security.Cryptography;
using Einthoven.Server.Accounts;
using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Notifications;

/// <summary>
/// The unsubscribe link of a user and a non-critical kind: a random secret (made on the first e-mail of the kind and
/// reused by the later ones), found by its SHA-256 (<see cref="TokenService.Hash"/>). It works without signing in.
/// </summary>
public sealed class UnsubscribeLinks(AppDb db, TimeProvider time)
{
    public const string Prefix = "unsub_";

    /// <summary>The secret for the user and kind; null for a critical kind, which no link switches off.</summary>
    public async Task<string?> SecretAsync(Guid userId, string kind, CancellationToken ct)
    {
        if (NotificationKinds.Critical.Contains(kind)) return null;
        var existing = await db.UnsubscribeTokens.AsNoTracking().Where(t => t.UserId == userId && t.Kind == kind).Select(t => t.Secret).SingleOrDefaultAsync(ct);
        if (existing is not null) return existing;
        var secret = Prefix + TokenService.Base64Url(RandomNumberGenerator.GetBytes(32));
        db.UnsubscribeTokens.Add(new UnsubscribeToken
        {
            Id = Guid.NewGuid(), UserId = userId, Kind = kind, Hash = TokenService.Hash(secret), Secret = secret, CreatedAt = time.GetUtcNow().UtcDateTime,
        });
        try
        {
            await db.SaveChangesAsync(ct);
            return secret;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear(); // another sender made it at the same moment
            return await db.UnsubscribeTokens.AsNoTracking().Where(t => t.UserId == userId && t.Kind == kind).Select(t => t.Secret).SingleAsync(ct);
        }
    }

    public async Task<UnsubscribeToken?> FindAsync(string secret, CancellationToken ct)
    {
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal) || secret.Length > 100) return null;
        var hash = TokenService.Hash(secret);
        return await db.UnsubscribeTokens.SingleOrDefaultAsync(t => t.Hash == hash, ct);
    }
}
