using System.Net;
using Einthoven.Server.Tests.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Tests;

/// <summary>Access keys, grants and their end (revocation, expiry), and the audit log a patient sees.</summary>
public abstract class SharingTests(ServerFixture fixture)
{
    private World W => fixture.World;

    [ProviderFact]
    public async Task A_key_is_shown_once_and_stored_only_as_a_slow_hash()
    {
        var created = await (await W.Owner.Client.PostJsonAsync("/api/access-keys", new { label = "cardiology" })).JsonAsync(HttpStatusCode.Created);
        var key = created.Str("key");
        Assert.Matches("^[A-Z2-9]{4}(-[A-Z2-9]{4}){4}$", key);
        var list = await (await W.Owner.Client.GetAsync("/api/access-keys")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(key, list);
        var stored = await fixture.Host.DbAsync(db => db.AccessKeys.SingleAsync(k => k.Id == created.Id()));
        Assert.StartsWith("pbkdf2-sha256$", stored.Hash);
        Assert.DoesNotContain(key.Replace("-", ""), stored.Hash);
    }

    [ProviderFact]
    public async Task A_doctor_with_email_and_key_gets_access_until_the_patient_revokes_it()
    {
        var patient = W.Actors[Who.OtherPatient];
        var doctor = W.Actors[Who.DoctorWithoutGrant].Client;
        var key = (await (await patient.Client.PostJsonAsync("/api/access-keys", new { })).JsonAsync(HttpStatusCode.Created)).Str("key");
        var url = $"/api/recordings/{W.OtherRecording}";
        Assert.Equal(HttpStatusCode.NotFound, (await doctor.GetAsync(url)).StatusCode);

        // typed in lower case with spaces, as people do
        var grant = await (await doctor.PostJsonAsync("/api/grants", new { patientEmail = patient.Email, key = key.ToLowerInvariant().Replace("-", " ") })).JsonAsync(HttpStatusCode.Created);
        await (await doctor.GetAsync(url)).JsonAsync();
        var patients = await (await doctor.GetAsync("/api/doctor/patients")).Content.ReadAsStringAsync();
        Assert.Contains(patient.Email, patients);

        var audit = await (await patient.Client.GetAsync("/api/audit")).JsonAsync();
        Assert.Contains(audit.EnumerateArray(), e => e.Str("action") == "recording.read" && e.Str("actorEmail") == W.Actors[Who.DoctorWithoutGrant].Email);
        Assert.DoesNotContain(audit.EnumerateArray(), e => e.GetProperty("actorId").GetGuid() == patient.Id);

        (await patient.Client.DeleteAsync($"/api/grants/{grant.Id()}")).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NotFound, (await doctor.GetAsync(url)).StatusCode);
        Assert.DoesNotContain(patient.Email, await (await doctor.GetAsync("/api/doctor/patients")).Content.ReadAsStringAsync());
    }

    [ProviderFact]
    public async Task Revoked_and_expired_keys_and_wrong_emails_give_no_grant()
    {
        var patient = W.Actors[Who.OtherPatient];
        var doctor = W.Actors[Who.DoctorRevoked].Client;
        var revoked = await (await patient.Client.PostJsonAsync("/api/access-keys", new { })).JsonAsync(HttpStatusCode.Created);
        (await patient.Client.DeleteAsync($"/api/access-keys/{revoked.Id()}")).EnsureSuccessStatusCode();
        var expired = await (await patient.Client.PostJsonAsync("/api/access-keys", new { expiresInDays = 1 })).JsonAsync(HttpStatusCode.Created);
        await fixture.Host.DbAsync(db => db.AccessKeys.Where(k => k.Id == expired.Id())
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.ExpiresAt, DateTime.UtcNow.AddMinutes(-1))));
        var good = await (await patient.Client.PostJsonAsync("/api/access-keys", new { })).JsonAsync(HttpStatusCode.Created);

        foreach (var (email, key) in new[] { (patient.Email, revoked.Str("key")), (patient.Email, expired.Str("key")), (W.Owner.Email, good.Str("key")), ("nobody@test.local", good.Str("key")) })
        {
            var problem = await (await doctor.PostJsonAsync("/api/grants", new { patientEmail = email, key })).JsonAsync(HttpStatusCode.BadRequest);
            Assert.Equal("the e-mail and key do not match an active access key", problem.Str("detail"));
        }
        Assert.Equal(HttpStatusCode.NotFound, (await doctor.GetAsync($"/api/recordings/{W.OtherRecording}")).StatusCode);
    }

    [ProviderFact]
    public async Task A_grant_from_a_key_with_an_expiry_ends_with_it()
    {
        var grant = await (await W.Owner.Client.GetAsync("/api/grants")).JsonAsync();
        var expired = grant.EnumerateArray().Single(g => g.Id() == W.Grants[Who.DoctorExpired]);
        Assert.False(expired.GetProperty("active").GetBoolean());
        var active = grant.EnumerateArray().Single(g => g.Id() == W.Grants[Who.DoctorWithGrant]);
        Assert.True(active.GetProperty("active").GetBoolean());
        Assert.True(active.GetProperty("expiresAt").GetDateTime() > DateTime.UtcNow.AddDays(29));
    }

    [ProviderFact]
    public async Task Reads_by_a_doctor_are_audited_once_per_span_and_the_patients_own_reads_are_not()
    {
        var doctor = W.Actors[Who.DoctorWithGrant];
        await (await doctor.Client.GetAsync($"/api/recordings/{W.Recording}/window?points=10")).JsonAsync();
        await (await doctor.Client.GetAsync($"/api/recordings/{W.Recording}/window?points=20")).JsonAsync();
        await (await doctor.Client.GetAsync($"/api/recordings/{W.Recording}/analysis")).JsonAsync();
        await (await W.Owner.Client.GetAsync($"/api/recordings/{W.Recording}")).JsonAsync();
        var since = DateTime.UtcNow - Einthoven.Server.Audit.AuditThrottle.Span;
        var recent = (await (await W.Owner.Client.GetAsync("/api/audit?take=500")).JsonAsync()).EnumerateArray()
            .Where(e => e.GetProperty("at").GetDateTime() > since && e.GetProperty("actorId").GetGuid() == doctor.Id).ToList();
        foreach (var action in new[] { "recording.window", "analysis.read" })
            Assert.Equal(W.Recording, Assert.Single(recent, e => e.Str("action") == action).GetProperty("recordingId").GetGuid());
        var own = await fixture.Host.DbAsync(db => db.AuditEntries.CountAsync(a => a.ActorId == W.Owner.Id));
        Assert.Equal(0, own);
    }
}

[Collection("sqlite")]
public sealed class SqliteSharingTests(SqliteFixture fixture) : SharingTests(fixture);

[Collection("postgres"), UsesPostgres]
public sealed class PostgresSharingTests(PostgresFixture fixture) : SharingTests(fixture);
