using Microsoft.AspNetCore.Identity;

namespace Einthoven.Server.Accounts;

/// <summary>A person who signs in: patient, doctor or admin (see <see cref="Roles"/>).</summary>
public sealed class AppUser : IdentityUser<Guid>
{
    [ProtectedPersonalData]
    public string DisplayName { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

public static class Roles
{
    public const string Patient = "Patient";
    public const string Doctor = "Doctor";
    public const string Admin = "Admin";

    public static readonly string[] All = [Patient, Doctor, Admin];
}
