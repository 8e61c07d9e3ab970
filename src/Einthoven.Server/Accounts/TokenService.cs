using System.Security.Cryptography;
using System.Text;
using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Accounts;

/// <summary>Issues, lists and revokes personal access tokens (random, shown once, stored as SHA-256).</summary>
public sealed class TokenService(AppDb db, TimeProvider time)
{
    public const string TokenPrefix = "eth_";

    public async Task<(PersonalAccessToken Token, string Secret)> CreateAsync(Guid userId, string name, int? expiresInDays, CancellationToken ct)
    {
        var secret = TokenPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow().UtcDateTime;
        var token = new PersonalAccessToken
        {
            Id = Guid.NewGuid(), UserId = userId, Name = name.Length > 100 ? name[..100] : name, Hash = Hash(secret), Prefix = secret[..10], CreatedAt = now,
            ExpiresAt = expiresInDays is { } days ? now.AddDays(days) : null,
        };
        db.AccessTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return (token, secret);
    }

    /// <summary>The owner of an active token, or null.</summary>
    public async Task<Guid?> ValidateAsync(string secret, CancellationToken ct)
    {
        if (!secret.StartsWith(TokenPrefix, StringComparison.Ordinal) || secret.Length > 100) return null;
        var hash = Hash(secret);
        var now = time.GetUtcNow().UtcDateTime;
        var token = await db.AccessTokens.SingleOrDefaultAsync(t => t.Hash == hash, ct);
        if (token is null || token.RevokedAt is not null || token.ExpiresAt <= now) return null;
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            token.LastUsedAt = now;
            await db.SaveChangesAsync(ct);
        }
        return token.UserId;
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
