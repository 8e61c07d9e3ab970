namespace Einthoven.Server.Sharing;

/// <summary>A new key: it expires after <c>ExpiresInDays</c> (default and maximum in <see cref="SharingOptions"/>) and admits <c>MaxUses</c> doctors (default 1).</summary>
public sealed record NewAccessKeyRequest(string? Label, int? ExpiresInDays, int? MaxUses);
public sealed record NewAccessKeyView(Guid Id, string Label, string Key, DateTime? ExpiresAt, int MaxUses);
public sealed record AccessKeyView(Guid Id, string Label, string? Identifier, DateTime CreatedAt, DateTime? ExpiresAt, DateTime? RevokedAt, int Uses, int MaxUses, bool Active);
public sealed record ClaimGrantRequest(string PatientEmail, string Key);
public sealed record PersonView(Guid Id, string Email, string DisplayName);
public sealed record GrantView(Guid Id, PersonView Patient, PersonView Doctor, DateTime CreatedAt, DateTime? ExpiresAt, DateTime? RevokedAt, bool Active);
public sealed record SharedPatientView(Guid PatientId, string Email, string DisplayName, Guid GrantId, DateTime GrantedAt, DateTime? ExpiresAt);
