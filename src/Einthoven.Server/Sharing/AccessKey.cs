using System.Linq.Expressions;

namespace Einthoven.Server.Sharing;

/// <summary>
/// A secret a patient hands to a doctor: a public <see cref="Identifier"/> (its first group) and a secret part, stored
/// as a slow salted hash (<see cref="KeyHasher"/>); shown once. Each claim uses it once, up to <see cref="MaxUses"/>.
/// </summary>
public sealed class AccessKey : Api.IRevocable
{
    public Guid Id { get; set; }
    public Guid PatientId { get; set; }
    /// <summary>The key's first group, unique per patient: a claim finds the one key to verify by it. Null on keys made before identifiers.</summary>
    public string? Identifier { get; set; }
    public string Label { get; set; } = "";
    public string Hash { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    /// <summary>After this the key no longer works, and grants made with it end too. Null only on keys made before keys had to expire.</summary>
    public DateTime? ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    /// <summary>Grants made with the key so far.</summary>
    public int Uses { get; set; }
    public int MaxUses { get; set; }

    /// <summary>Can still admit a doctor: not revoked, not expired, not used up (the same rule as <see cref="CanAdmit"/>, for the database).</summary>
    public static Expression<Func<AccessKey, bool>> Admits(DateTime now) => k => k.RevokedAt == null && k.ExpiresAt > now && k.Uses < k.MaxUses;

    public bool CanAdmit(DateTime now) => RevokedAt is null && ExpiresAt > now && Uses < MaxUses;
}

/// <summary>A doctor's right to read a patient's recordings, made by entering the patient's e-mail and an access key.</summary>
public sealed class AccessGrant : Api.IRevocable
{
    public Guid Id { get; set; }
    public Guid PatientId { get; set; }
    public Guid DoctorId { get; set; }
    public Guid AccessKeyId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }

    public bool IsActive(DateTime now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);
}
