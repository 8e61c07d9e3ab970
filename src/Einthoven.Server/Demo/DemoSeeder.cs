using System.Security.Cryptography;
using Einthoven.Server.Accounts;
using Einthoven.Server.Recordings;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Synthesis;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Einthoven.Server.Demo;

/// <summary>
/// First start of an empty database: a demo patient, doctor, admin, monitoring nurse, paramedic and cardiologist with fresh random passwords (written once to
/// <see cref="FileName"/> in the data folder, readable by the server's user only; the console shows only its path, and
/// nothing is logged), and a few synthetic recordings for the patient, so that a fresh machine without any dataset has
/// something to look at, one of them waiting in the cardiologist's verification queue.
/// </summary>
public sealed class DemoSeeder(UserManager<AppUser> users, RecordingImporter importer, Storage.AppDb db, TimeProvider time, IOptions<ServerOptions> options)
{
    public const string FileName = "demo-accounts.txt";

    public async Task SeedAsync(TextWriter console, CancellationToken ct)
    {
        if (users.Users.Any()) return;
        var accounts = new StringWriter();
        accounts.WriteLine("Einthoven demo accounts (created on first start; delete this file once you have noted them).");
        var patient = await CreateAsync("patient@demo.einthoven", "Demo Patient", Roles.Patient, accounts);
        await CreateAsync("doctor@demo.einthoven", "Demo Doctor", Roles.Doctor, accounts);
        await CreateAsync("admin@demo.einthoven", "Demo Admin", Roles.Admin, accounts);
        var monitor = await CreateAsync("monitor@demo.einthoven", "Demo Monitoring Nurse", Roles.Monitor, accounts);
        var paramedic = await CreateAsync("paramedic@demo.einthoven", "Demo Paramedic", Roles.Paramedic, accounts);
        await CreateAsync("researcher@demo.einthoven", "Demo Researcher", Roles.Researcher, accounts);
        await SeedMonitoringAsync(patient.Id, monitor.Id, paramedic.Id, ct);
        var cardiologist = await CreateAsync("cardiologist@demo.einthoven", "Demo Cardiologist", Roles.Cardiologist, accounts);
        var clinicAdmin = await CreateAsync("clinic@demo.einthoven", "Demo Clinic Admin", Roles.ClinicAdmin, accounts);
        await Clinics.DemoClinics.SeedAsync(db, clinicAdmin.Id, time.GetUtcNow().UtcDateTime, ct);
        var path = Path.Combine(options.Value.DataFolder, FileName);
        await WritePrivateAsync(path, accounts.ToString(), ct);
        console.WriteLine($"Demo accounts (patient, doctor, admin, monitoring nurse, paramedic, researcher, cardiologist, clinic admin) and their passwords: {path}");
        var today = time.GetUtcNow().UtcDateTime.Date;
        foreach (var options in Recordings(today))
        {
            using var reader = new InMemoryReader(EcgSynthesizer.Generate(options));
            var (recording, _) = await importer.ImportAsync(patient.Id, reader, "synthetic", options.Name, ct);
            if (options.PvcProbability > 0) await SeedVerificationAsync(patient.Id, cardiologist.Id, recording.Id, ct);
        }
        console.WriteLine("Demo data: 3 synthetic recordings for the demo patient. Not a medical device.");
    }

    /// <summary>
    /// A home-care organisation in Tashkent that monitors the demo patient (enrolled, with a home location), with the
    /// monitoring nurse and two paramedic teams, so that <c>einthoven simulate</c> as the demo patient raises alerts the
    /// nurse sees on /monitoring.
    /// </summary>
    private async Task SeedMonitoringAsync(Guid patient, Guid monitor, Guid paramedic, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var org = new Monitoring.Organisation { Id = Guid.NewGuid(), Name = "Demo Home Care", CreatedAt = now };
        var north = new Monitoring.ParamedicTeam { Id = Guid.NewGuid(), OrganisationId = org.Id, Name = "Team North", BaseLatitude = 41.338, BaseLongitude = 69.285 };
        var south = new Monitoring.ParamedicTeam { Id = Guid.NewGuid(), OrganisationId = org.Id, Name = "Team South", BaseLatitude = 41.255, BaseLongitude = 69.22 };
        db.Organisations.Add(org);
        db.ParamedicTeams.AddRange(north, south);
        db.StaffMemberships.AddRange(new Monitoring.StaffMembership { UserId = monitor, OrganisationId = org.Id },
            new Monitoring.StaffMembership { UserId = paramedic, OrganisationId = org.Id, TeamId = north.Id });
        db.Enrolments.Add(new Monitoring.Enrolment
        {
            Id = Guid.NewGuid(), PatientId = patient, OrganisationId = org.Id, HomeLatitude = 41.3111, HomeLongitude = 69.2797,
            KnownConditions = "paroxysmal palpitations (demo)", EnrolledAt = now,
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The cardiologist is assigned to the demo patient, whose recording with ectopic beats waits in their queue.</summary>
    private async Task SeedVerificationAsync(Guid patient, Guid cardiologist, Guid recording, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        db.CardiologistAssignments.Add(new Verification.CardiologistAssignment { Id = Guid.NewGuid(), CardiologistId = cardiologist, PatientId = patient, AssignedAt = now });
        db.VerificationRequests.Add(new Verification.VerificationRequest
        {
            Id = Guid.NewGuid(), RecordingId = recording, PatientId = patient, RequestedBy = patient, RequestedAt = now, Status = Verification.VerificationStatus.Open,
        });
        await db.SaveChangesAsync(ct);
    }

    private static IEnumerable<SynthesisOptions> Recordings(DateTime today) =>
    [
        new() { Name = "resting-12-lead", SamplingFrequency = 500, Duration = TimeSpan.FromSeconds(10), MeanHeartRate = 68, Seed = 11,
            Leads = ["I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6"], Start = today.AddDays(-6).AddHours(9) },
        new() { Name = "ambulatory-ectopy", Duration = TimeSpan.FromMinutes(10), MeanHeartRate = 74, PvcProbability = 0.05, Seed = 12,
            Start = today.AddDays(-3).AddHours(14) },
        new() { Name = "palpitations-af", Duration = TimeSpan.FromMinutes(5), MeanHeartRate = 80, Seed = 13,
            AfEpisodes = [(TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(120))], Start = today.AddDays(-1).AddHours(20) },
    ];

    private static async Task WritePrivateAsync(string path, string text, CancellationToken ct)
    {
        File.Delete(path); // a mode applies only to a new file
        var file = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) file.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        await using var writer = new StreamWriter(path, file);
        await writer.WriteAsync(text.AsMemory(), ct);
    }

    private async Task<AppUser> CreateAsync(string email, string name, string role, TextWriter accounts)
    {
        var password = NewPassword();
        var user = new AppUser { Id = Guid.NewGuid(), UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, CreatedAt = time.GetUtcNow().UtcDateTime };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded) throw new InvalidOperationException($"cannot create {email}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        await users.AddToRoleAsync(user, role);
        accounts.WriteLine($"Demo {role.ToLowerInvariant()}: {email}  password: {password}");
        return user;
    }

    private static string NewPassword() => "Demo-" + TokenService.Base64Url(RandomNumberGenerator.GetBytes(12)) + "-7a";
}
