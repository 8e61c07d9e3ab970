using Microsoft.AspNetCore.Identity;

namespace Einthoven.Server.Accounts;

/// <summary>A person who signs in: patient, doctor or admin (see <see cref="Roles"/>).</summary>
public sealed class AppUser : IdentityUser<Guid>
{
    [ProtectedPersonalData]
    public string DisplayName { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    /// <summary>The language the user chose for the UI, e-mails and messages ("en", "ru", "uz"); null: the browser's.</summary>
    public string? Language { get; set; }
}

public static class Roles
{
    public const string Patient = "Patient";
    public const string Doctor = "Doctor";
    public const string Admin = "Admin";
    /// <summary>Monitoring staff of an organisation: they watch its enrolled patients live and handle their alerts.</summary>
    public const string Monitor = "Monitor";
    /// <summary>A paramedic of an organisation's team: receives dispatches and records hand-overs.</summary>
    public const string Paramedic = "Paramedic";

    /// <summary>A cardiologist who verifies the beat labels of recordings pushed to them (issue 25).</summary>
    public const string Cardiologist = "Cardiologist";
    /// <summary>A researcher: sees only de-identified exports of verified dataset versions.</summary>
    public const string Researcher = "Researcher";
    /// <summary>Staff of one clinic (issue 27): manages its hours, services, slots and bookings, and nothing else.</summary>
    public const string ClinicAdmin = "ClinicAdmin";

    public static readonly string[] All = [Patient, Doctor, Admin, Monitor, Paramedic, Cardiologist, Researcher, ClinicAdmin];
}
