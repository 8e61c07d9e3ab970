namespace Einthoven.Server.Accounts;

/// <summary>An API token for the CLI, scripts and devices. Only its SHA-256 hash is stored; the token is shown once.</summary>
public sealed class PersonalAccessToken : Api.IRevocable
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public string Name { get; set; } = "";
    /// <summary>Hex SHA-256 of the whole token (tokens are 256-bit random, so a fast hash is enough).</summary>
    public string Hash { get; set; } = "";
    /// <summary>The first characters of the token, so that a user can tell tokens apart.</summary>
    public string Prefix { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    /// <summary>The token whose bearer created this one (null when made from a password or cookie sign-in); revoking a token revokes its descendants.</summary>
    public Guid? ParentId { get; set; }
    /// <summary>Space-separated scopes that limit what the token may do (e.g. "pacemaker:predict"); null for a full-access token.</summary>
    public string? Scopes { get; set; }
}
