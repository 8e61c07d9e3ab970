namespace Einthoven.Server.Sharing;

public sealed record NewAccessKeyRequest(string? Label, int? ExpiresInDays);
public sealed record NewAccessKeyView(Guid Id, string Label, string Key, DateTime? ExpiresAt);
public sealed record AccessKeyView(Guid Id, string Label, DateTime CreatedAt, DateTime? ExpiresAt, DateTime? RevokedAt);
public sealed record ClaimGrantRequest(string PatientEmail, string Key);
public sealed record PersonView(Guid Id, string Email, string DisplayName);
public sealed record GrantView(Guid Id, PersonView Patient, PersonView Doctor, DateTime CreatedAt, DateTime? ExpiresAt, DateTime? RevokedAt, bool Active);
public sealed record SharedPatientView(Guid PatientId, string Email, string DisplayName, Guid GrantId, DateTime GrantedAt, DateTime? ExpiresAt);
