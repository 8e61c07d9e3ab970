using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Einthoven.Server.Sharing;
using Einthoven.Server.Tests.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Einthoven.Server.Tests;

/// <summary>
/// Sharing that ends: a key is used once unless made for several doctors, it expires, revoking it or a grant ends the
/// access for good, and a claim costs one key verification whatever is typed.
/// </summary>
public abstract class SharingRevocationTests(ServerFixture fixture)
{
    private const string Refused = "the e-mail and key do not match an active access key";
    private World W => fixture.World;
    private Actor Patient => W.Actors[Who.OtherPatient];
    private string Recording => $"/api/recordings/{W.OtherRecording}";

    [ProviderFact]
    public async Task A_revoked_doctor_can_neither_read_nor_claim_the_same_key_again()
    {
        var doctor = await DoctorAsync();
        var key = await NewKeyAsync(Patient.Client, new { maxUses = 3 });
        var grant = await (await ClaimAsync(doctor, Patient.Email, key.Str("key"))).JsonAsync(HttpStatusCode.Created);
        await (await doctor.GetAsync(Recording)).JsonAsync();

        (await Patient.Client.DeleteAsync($"/api/grants/{grant.Id()}")).EnsureSuccessStatusCode();
        await AssertRefusedAsync(await ClaimAsync(doctor, Patient.Email, key.Str("key")));
        Assert.Equal(HttpStatusCode.NotFound, (await doctor.GetAsync(Recording)).StatusCode);
        Assert.Equal(1, (await KeyViewAsync(Patient.Client, key.Id())).GetProperty("uses").GetInt32());
    }

    [ProviderFact]
    public async Task A_key_is_single_use_by_default_and_a_second_doctor_is_refused()
    {
        var key = await NewKeyAsync(Patient.Client, new { label = "one doctor" });
        Assert.Equal(1, key.GetProperty("maxUses").GetInt32());
        await (await ClaimAsync(await DoctorAsync(), Patient.Email, key.Str("key"))).JsonAsync(HttpStatusCode.Created);

        var second = await DoctorAsync();
        await AssertRefusedAsync(await ClaimAsync(second, Patient.Email, key.Str("key")));
        Assert.Equal(HttpStatusCode.NotFound, (await second.GetAsync(Recording)).StatusCode);
        var view = await KeyViewAsync(Patient.Client, key.Id());
        Assert.Equal((1, 1, false), (view.GetProperty("uses").GetInt32(), view.GetProperty("maxUses").GetInt32(), view.GetProperty("active").GetBoolean()));
    }

    [ProviderFact]
    public async Task A_multi_use_key_counts_its_doctors_and_stops_at_its_maximum()
    {
        var key = await NewKeyAsync(Patient.Client, new { maxUses = 2 });
        for (var i = 1; i <= 2; i++)
        {
            await (await ClaimAsync(await DoctorAsync(), Patient.Email, key.Str("key"))).JsonAsync(HttpStatusCode.Created);
            var view = await KeyViewAsync(Patient.Client, key.Id());
            Assert.Equal((i, 2), (view.GetProperty("uses").GetInt32(), view.GetProperty("maxUses").GetInt32()));
        }
        await AssertRefusedAsync(await ClaimAsync(await DoctorAsync(), Patient.Email, key.Str("key")));
        Assert.False((await KeyViewAsync(Patient.Client, key.Id())).GetProperty("active").GetBoolean());
    }

    [ProviderFact]
    public async Task Revoking_a_key_ends_every_grant_made_with_it()
    {
        var key = await NewKeyAsync(Patient.Client, new { maxUses = 3 });
        var doctors = new[] { await DoctorAsync(), await DoctorAsync() };
        var grants = new List<Guid>();
        foreach (var doctor in doctors)
        {
            grants.Add((await (await ClaimAsync(doctor, Patient.Email, key.Str("key"))).JsonAsync(HttpStatusCode.Created)).Id());
            await (await doctor.GetAsync(Recording)).JsonAsync();
        }

        (await Patient.Client.DeleteAsync($"/api/access-keys/{key.Id()}")).EnsureSuccessStatusCode();
        foreach (var doctor in doctors)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await doctor.GetAsync(Recording)).StatusCode);
            Assert.DoesNotContain(Patient.Email, await (await doctor.GetAsync("/api/doctor/patients")).Content.ReadAsStringAsync());
        }
        var list = (await (await Patient.Client.GetAsync("/api/grants")).JsonAsync()).EnumerateArray().ToList();
        Assert.All(grants, id => Assert.False(list.Single(g => g.Id() == id).GetProperty("active").GetBoolean()));
        await AssertRefusedAsync(await ClaimAsync(await DoctorAsync(), Patient.Email, key.Str("key")));
    }

    [ProviderFact]
    public async Task Every_key_expires_by_default_and_expiry_and_uses_are_bounded()
    {
        var patient = await fixture.Host.NewPatientAsync($"expiry-{Guid.NewGuid():N}@test.local");
        var before = DateTime.UtcNow;
        var key = await NewKeyAsync(patient, new { });
        var expiresAt = key.GetProperty("expiresAt").GetDateTime();
        Assert.InRange(expiresAt, before.AddDays(14).AddMinutes(-1), DateTime.UtcNow.AddDays(14).AddMinutes(1));
        Assert.Equal(expiresAt, (await KeyViewAsync(patient, key.Id())).GetProperty("expiresAt").GetDateTime(), TimeSpan.FromMilliseconds(1)); // PostgreSQL keeps microseconds

        await (await patient.PostJsonAsync("/api/access-keys", new { expiresInDays = 365 })).JsonAsync(HttpStatusCode.Created);
        foreach (var (body, field) in new (object, string)[]
                 {
                     (new { expiresInDays = 366 }, "expiresInDays"), (new { expiresInDays = 0 }, "expiresInDays"),
                     (new { maxUses = 0 }, "maxUses"), (new { maxUses = 21 }, "maxUses"),
                 })
            Assert.Equal(field, (await (await patient.PostJsonAsync("/api/access-keys", body)).JsonAsync(HttpStatusCode.BadRequest)).Str("field"));
    }

    [ProviderFact]
    public async Task A_patient_holds_at_most_twenty_usable_keys()
    {
        var patient = await fixture.Host.NewPatientAsync($"cap-{Guid.NewGuid():N}@test.local");
        var keys = new List<Guid>();
        for (var i = 0; i < 20; i++) keys.Add((await NewKeyAsync(patient, new { label = $"key {i}" })).Id());

        var refused = await (await patient.PostJsonAsync("/api/access-keys", new { })).JsonAsync(HttpStatusCode.Conflict);
        Assert.Contains("20 access keys", refused.Str("detail"));
        (await patient.DeleteAsync($"/api/access-keys/{keys[0]}")).EnsureSuccessStatusCode();
        await NewKeyAsync(patient, new { });
    }

    [ProviderFact]
    public async Task Doctors_claiming_one_single_use_key_at_once_get_exactly_one_grant()
    {
        var key = await NewKeyAsync(Patient.Client, new { });
        var doctors = new List<HttpClient>();
        for (var i = 0; i < 4; i++) doctors.Add(await DoctorAsync());

        var answers = await Task.WhenAll(doctors.Select(d => ClaimAsync(d, Patient.Email, key.Str("key"))));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.Equal(3, answers.Count(a => a.StatusCode == HttpStatusCode.BadRequest));
        var id = key.Id();
        Assert.Equal(1, await fixture.Host.DbAsync(db => db.AccessGrants.CountAsync(g => g.AccessKeyId == id)));
        Assert.Equal(1, (await KeyViewAsync(Patient.Client, id)).GetProperty("uses").GetInt32());
    }

    [ProviderFact]
    public async Task An_unknown_email_and_a_wrong_key_get_the_same_answer()
    {
        var doctor = await DoctorAsync();
        var key = (await NewKeyAsync(Patient.Client, new { })).Str("key");
        var wrongSecret = key[..5] + KeyHasher.NewKey()[5..];
        var answers = new List<string>();
        foreach (var (email, typed) in new[] { ("nobody@test.local", key), (Patient.Email, wrongSecret), (Patient.Email, KeyHasher.NewKey()), (W.Owner.Email, key), (Patient.Email, "not a key") })
            answers.Add(await AssertRefusedAsync(await ClaimAsync(doctor, email, typed)));
        Assert.Single(answers.Distinct());
    }

    [ProviderFact]
    public async Task A_claim_verifies_exactly_one_key_hash_whatever_is_typed()
    {
        await using var host = new ServerHost(fixture.Provider, services: s => s.AddSingleton<KeyHasher, CountingKeyHasher>());
        var hasher = (CountingKeyHasher)host.Services.GetRequiredService<KeyHasher>();
        const string email = "twenty-keys@test.local";
        var patient = await host.NewPatientAsync(email);
        var keys = new List<string>();
        for (var i = 0; i < 20; i++) keys.Add((await NewKeyAsync(patient, new { })).Str("key"));
        var doctor = await host.NewDoctorAsync("counted@test.local");

        foreach (var (who, typed, expected) in new[]
                 {
                     (email, keys[^1], HttpStatusCode.Created), ("nobody@test.local", keys[0], HttpStatusCode.BadRequest),
                     (email, KeyHasher.NewKey(), HttpStatusCode.BadRequest), (email, keys[0][..5] + KeyHasher.NewKey()[5..], HttpStatusCode.BadRequest),
                     ("counted@test.local", keys[0], HttpStatusCode.BadRequest), (email, "no key", HttpStatusCode.BadRequest),
                 })
        {
            var before = hasher.Verifications;
            Assert.Equal(expected, (await ClaimAsync(doctor, who, typed)).StatusCode);
            Assert.Equal(before + 1, hasher.Verifications);
        }
    }

    private sealed class CountingKeyHasher(IOptions<ServerOptions> options) : KeyHasher(options)
    {
        private int _verifications;
        public int Verifications => _verifications;

        public override bool Verify(string key, string? stored)
        {
            Interlocked.Increment(ref _verifications);
            return base.Verify(key, stored);
        }
    }

    private Task<HttpClient> DoctorAsync() => fixture.Host.NewDoctorAsync($"dr-{Guid.NewGuid():N}@test.local");

    private static async Task<JsonElement> NewKeyAsync(HttpClient patient, object body) =>
        await (await patient.PostJsonAsync("/api/access-keys", body)).JsonAsync(HttpStatusCode.Created);

    private static Task<HttpResponseMessage> ClaimAsync(HttpClient doctor, string email, string key) =>
        doctor.PostJsonAsync("/api/grants", new { patientEmail = email, key });

    private static async Task<JsonElement> KeyViewAsync(HttpClient patient, Guid id) =>
        (await (await patient.GetAsync("/api/access-keys")).JsonAsync()).EnumerateArray().Single(k => k.Id() == id);

    /// <summary>Asserts the one refusal every failed claim gets, and returns its body without the per-request trace id.</summary>
    private static async Task<string> AssertRefusedAsync(HttpResponseMessage answer)
    {
        var problem = await answer.JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(Refused, problem.Str("detail"));
        var body = JsonNode.Parse(problem.GetRawText())!.AsObject();
        body.Remove("traceId");
        return body.ToJsonString();
    }
}

[Collection("sqlite")]
public sealed class SqliteSharingRevocationTests(SqliteFixture fixture) : SharingRevocationTests(fixture);

[Collection("postgres"), UsesPostgres]
public sealed class PostgresSharingRevocationTests(PostgresFixture fixture) : SharingRevocationTests(fixture);
