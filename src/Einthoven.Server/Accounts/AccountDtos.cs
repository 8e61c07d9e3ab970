namespace Einthoven.Server.Accounts;

public sealed record RegisterRequest(string Email, string Password, string? DisplayName);
public sealed record RegistrationView(string Email, string Detail);
public sealed record PasswordChangeRequest(string CurrentPassword, string NewPassword);
public sealed record SignInRequest(string Email, string Password);
public sealed record TokenRequest(string Email, string Password, string? Name, int? ExpiresInDays);
public sealed record NewTokenRequest(string? Name, int? ExpiresInDays, IReadOnlyList<string>? Scopes = null);
/// <param name="Language">The language the user chose (en, ru, uz), or null for the browser's.</param>
public sealed record UserView(Guid Id, string Email, string DisplayName, IReadOnlyList<string> Roles, string? Language = null);
public sealed record TokenView(Guid Id, string Name, string Prefix, DateTime CreatedAt, DateTime? ExpiresAt, DateTime? LastUsedAt, DateTime? RevokedAt, string? Scopes = null);
public sealed record NewTokenView(Guid Id, string Name, string Prefix, DateTime? ExpiresAt, string Token, string? Scopes = null);
