using System.Security.Cryptography;
using System.Text;
using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Accounts;

/// <summary>An active token's owner; <see cref="Scopes"/> null for a full-access token.</summary>
public sealed record TokenOwner(Guid TokenId, Guid UserId, string Email, IReadOnlyList<string> Roles, IReadOnlyList<string>? Scopes = null);

/// <summary>Issues, lists and revokes personal access tokens (random, shown once, stored as SHA-256).</summary>
public sealed class TokenService(AppDb db, TimeProvider time)
{
    public const string TokenPrefix = "eth_";

    /// <param name="scopes">What the token may do (<see cref="TokenScopes"/>); null or empty for full access.</param>
    public async Task<(PersonalAccessToken Token, string Secret)> CreateAsync(Guid userId, string name, int? expiresInDays, Guid? parentId, CancellationToken ct,
        IReadOnlyList<string>? scopes = null)
    {
        var secret = TokenPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow().UtcDateTime;
        var token = new PersonalAccessToken
        {
            Id = Guid.NewGuid(), UserId = userId, Name = name.Length > 100 ? name[..100] : name, Hash = Hash(secret), Prefix = secret[..10], CreatedAt = now,
            ExpiresAt = expiresInDays is { } days ? now.AddDays(days) : null, ParentId = parentId,
            Scopes = scopes is { Count: > 0 } ? string.Join(' ', scopes) : null,
        };
        db.AccessTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return (token, secret);
    }

    /// <summary>The owner of an active token with their e-mail and roles, or null; one database round trip per request.</summary>
    public async Task<TokenOwner?> ValidateAsync(string secret, CancellationToken ct)
    {
        if (!secret.StartsWith(TokenPrefix, StringComparison.Ordinal) || secret.Length > 100) return null;
        var hash = Hash(secret);
        var now = time.GetUtcNow().UtcDateTime;
        var token = await (from t in db.AccessTokens.AsNoTracking()
                           where t.Hash == hash
                           join u in db.Users on t.UserId equals u.Id
                           select new
                           {
                               t.Id, t.UserId, t.RevokedAt, t.ExpiresAt, t.LastUsedAt, t.Scopes, u.Email, u.LockoutEnd,
                               Roles = (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == u.Id select r.Name).ToList(),
                           }).SingleOrDefaultAsync(ct);
        if (token is null || token.RevokedAt is not null || token.ExpiresAt <= now || token.LockoutEnd > time.GetUtcNow()) return null;
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(1))
            await db.AccessTokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), ct);
        return new TokenOwner(token.Id, token.UserId, token.Email ?? "", token.Roles.OfType<string>().ToList(), TokenScopes.Parse(token.Scopes));
    }

    /// <summary>Revokes one of the user's tokens and every token made with it, or with those, and so on (404 when it is not theirs).</summary>
    public async Task<IResult> RevokeWithDescendantsAsync(Guid userId, Guid id, CancellationToken ct)
    {
        var owned = await db.AccessTokens.Where(t => t.UserId == userId).ToListAsync(ct);
        if (owned.All(t => t.Id != id)) return Api.Problems.NotFound("token");
        var now = time.GetUtcNow().UtcDateTime;
        var doomed = new HashSet<Guid> { id };
        for (var added = true; added;)
        {
            added = false;
            foreach (var child in owned.Where(t => t.ParentId is { } p && doomed.Contains(p))) added |= doomed.Add(child.Id);
        }
        foreach (var token in owned.Where(t => doomed.Contains(t.Id))) token.RevokedAt ??= now;
        await db.SaveChangesAsync(ct);
        return Results.NoContent();
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
