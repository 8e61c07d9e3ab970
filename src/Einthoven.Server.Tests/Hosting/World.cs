using System.Net;
using Einthoven.Server.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Tests.Hosting;

public enum Who { Anonymous, Owner, OtherPatient, DoctorWithoutGrant, DoctorWithGrant, DoctorRevoked, DoctorExpired, Admin }

public sealed record Actor(Who Who, string Email, string Password, Guid Id, HttpClient Client, string Token);

/// <summary>
/// The people of the authorisation matrix on one server: a patient who owns a recording, another patient with their
/// own, doctors without a grant, with one, with a revoked one and with an expired one, and an admin.
/// </summary>
public sealed class World
{
    private World(ServerHost host) => Host = host;

    public ServerHost Host { get; }
    public Dictionary<Who, Actor> Actors { get; } = new();
    public HttpClient Anonymous { get; private set; } = null!;
    public Actor Owner => Actors[Who.Owner];
    /// <summary>A doctor whose grant exists only to be revoked by the matrix.</summary>
    public Actor SpareDoctor { get; private set; } = null!;
    public Guid Recording { get; private set; }
    public string RecordingName { get; private set; } = "";
    public Guid OtherRecording { get; private set; }
    public Guid OwnerKeyId { get; private set; }
    public Dictionary<Who, Guid> Grants { get; } = new();
    /// <summary>The spare doctor's grant, which the matrix revokes.</summary>
    public Guid SpareGrant { get; private set; }

    public IEnumerable<Who> Everyone => Enum.GetValues<Who>();

    public HttpClient ClientOf(Who who) => who == Who.Anonymous ? Anonymous : Actors[who].Client;

    public static async Task<World> CreateAsync(ServerHost host)
    {
        var w = new World(host) { Anonymous = host.Client() };
        w.Actors[Who.Admin] = await w.AdminAsync("admin@test.local");
        w.Actors[Who.Owner] = await w.PatientAsync(Who.Owner, "owner@test.local");
        w.Actors[Who.OtherPatient] = await w.PatientAsync(Who.OtherPatient, "other@test.local");
        foreach (var who in new[] { Who.DoctorWithoutGrant, Who.DoctorWithGrant, Who.DoctorRevoked, Who.DoctorExpired })
            w.Actors[who] = await w.DoctorAsync(who, $"{who.ToString().ToLowerInvariant()}@test.local");
        w.SpareDoctor = await w.DoctorAsync(Who.DoctorWithGrant, "spare-doctor@test.local");

        w.RecordingName = "owner-" + Guid.NewGuid().ToString("N")[..8];
        w.Recording = await w.UploadAsync(w.Owner, w.RecordingName, seed: 3);
        w.OtherRecording = await w.UploadAsync(w.Actors[Who.OtherPatient], "other-recording", seed: 4);

        var key = await (await w.Owner.Client.PostJsonAsync("/api/access-keys", new { label = "doctors", expiresInDays = 30, maxUses = 4 })).JsonAsync(HttpStatusCode.Created);
        w.OwnerKeyId = key.Id();
        foreach (var who in new[] { Who.DoctorWithGrant, Who.DoctorRevoked, Who.DoctorExpired })
            w.Grants[who] = await w.ClaimAsync(w.Actors[who], key.Str("key"));
        w.SpareGrant = await w.ClaimAsync(w.SpareDoctor, key.Str("key"));
        (await w.Owner.Client.DeleteAsync($"/api/grants/{w.Grants[Who.DoctorRevoked]}")).EnsureSuccessStatusCode();
        var expired = w.Grants[Who.DoctorExpired];
        await host.DbAsync(db => db.AccessGrants.Where(g => g.Id == expired)
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.ExpiresAt, DateTime.UtcNow.AddDays(-1))));
        await w.WaitForAnalysisAsync(w.Recording);
        return w;
    }

    public async Task<Guid> UploadAsync(Actor patient, string name, int seed, int seconds = 60)
    {
        var files = TestRecords.WfdbFiles(TestRecords.Synthetic(name, seconds, seed));
        var result = await (await patient.Client.UploadAsync(files)).JsonAsync(HttpStatusCode.Created);
        return result.GetProperty("recording").Id();
    }

    public Task<System.Text.Json.JsonElement> WaitForAnalysisAsync(Guid recording, HttpClient? client = null) => (client ?? Owner.Client).AnalysisAsync(recording);

    private async Task<Guid> ClaimAsync(Actor doctor, string key) =>
        (await (await doctor.Client.PostJsonAsync("/api/grants", new { patientEmail = Owner.Email, key })).JsonAsync(HttpStatusCode.Created)).Id();

    private async Task<Actor> PatientAsync(Who who, string email)
    {
        const string password = "Patient-Pass-123";
        await (await Anonymous.PostJsonAsync("/api/auth/register", new { email, password, displayName = who.ToString() })).JsonAsync(HttpStatusCode.Accepted);
        return await SignInAsync(who, email, password);
    }

    private async Task<Actor> DoctorAsync(Who who, string email)
    {
        var patient = await PatientAsync(who, email);
        var admin = Actors[Who.Admin].Client;
        await (await admin.PostJsonAsync($"/api/admin/users/{patient.Id}/roles", new { role = "Doctor" })).JsonAsync();
        await (await admin.DeleteAsync($"/api/admin/users/{patient.Id}/roles/Patient")).JsonAsync();
        return patient;
    }

    private async Task<Actor> AdminAsync(string email)
    {
        const string password = "Admin-Pass-123";
        await Host.CreateUserAsync(email, password, Roles.Admin);
        return await SignInAsync(Who.Admin, email, password);
    }

    private async Task<Actor> SignInAsync(Who who, string email, string password)
    {
        var token = await (await Anonymous.PostJsonAsync("/api/auth/token", new { email, password, name = "tests" })).JsonAsync(HttpStatusCode.Created);
        var client = Host.Client(token.Str("token"));
        var me = await (await client.GetAsync("/api/me")).JsonAsync();
        return new Actor(who, email, password, me.Id(), client, token.Str("token"));
    }
}
