namespace Einthoven.Server.Sharing;

/// <summary>A secret a patient hands to a doctor. Stored as a slow salted hash (<see cref="KeyHasher"/>); shown once.</summary>
public sealed class AccessKey : Api.IRevocable
{
    public Guid Id { get; set; }
    public Guid PatientId { get; set; }
    public string Label { get; set; } = "";
    public string Hash { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    /// <summary>After this the key no longer works, and grants made with it end too.</summary>
    public DateTime? ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
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
