using System.Net;
using System.Text.Json;
using Einthoven.Server.Accounts;
using Einthoven.Server.Analysis;
using Einthoven.Server.Audit;
using Einthoven.Server.Tests.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Einthoven.Server.Tests;

/// <summary>
/// The admin API behind the admin UI: accounts (search, roles, lockouts), the audit log with filters and paging, storage
/// use, analysis jobs with retry, and the server's health - counts and bytes, never a recording's name or content.
/// </summary>
public abstract class AdminTests(ServerFixture fixture)
{
    private World W => fixture.World;
    private HttpClient Admin => W.Actors[Who.Admin].Client;

    [ProviderFact]
    public async Task Users_are_searched_and_a_locked_account_shows_until_it_is_unlocked()
    {
        const string password = "Patient-Pass-123";
        var email = $"lockme-{Guid.NewGuid():N}@test.local";
        var id = await fixture.Host.CreateUserAsync(email, password, Roles.Patient);
        await using (var scope = fixture.Host.Services.CreateAsyncScope()) // how an account gets locked is LockoutTests' business
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByIdAsync(id.ToString()))!, DateTimeOffset.UtcNow.AddMinutes(15));
        }

        var found = await (await Admin.GetAsync($"/api/admin/users?q={email[..14].ToUpperInvariant()}")).JsonAsync();
        var user = Assert.Single(found.EnumerateArray());
        Assert.Equal(id, user.Id());
        Assert.True(user.GetProperty("lockedOut").GetBoolean());
        Assert.True(user.GetProperty("lockoutEnd").GetDateTime() > DateTime.UtcNow);
        Assert.Empty((await (await Admin.GetAsync("/api/admin/users?q=nobody-is-called-this")).JsonAsync()).EnumerateArray());
        var lockedOnes = (await (await Admin.GetAsync("/api/admin/users?locked=true")).JsonAsync()).EnumerateArray().Select(u => u.Id()).ToList();
        Assert.Contains(id, lockedOnes);
        Assert.DoesNotContain(W.Owner.Id, lockedOnes);

        (await Admin.PostAsync($"/api/admin/users/{id}/unlock", null)).EnsureSuccessStatusCode();
        user = Assert.Single((await (await Admin.GetAsync($"/api/admin/users?q={email}")).JsonAsync()).EnumerateArray());
        Assert.False(user.GetProperty("lockedOut").GetBoolean());
        Assert.DoesNotContain((await (await Admin.GetAsync("/api/admin/users?locked=true")).JsonAsync()).EnumerateArray(), u => u.Id() == id);
        await (await fixture.Host.Client().PostJsonAsync("/api/auth/login", new { email, password })).JsonAsync();
    }

    [ProviderFact]
    public async Task The_last_admin_cannot_lose_the_admin_role()
    {
        await using var host = new ServerHost(fixture.Provider, new Dictionary<string, string?> { ["Einthoven:Analysis:RunWorker"] = "false" });
        var id = await host.CreateUserAsync("only-admin@test.local", "Admin-Pass-123", "Admin");
        var admin = await host.SignInAsync("only-admin@test.local", "Admin-Pass-123");
        var refused = await (await admin.DeleteAsync($"/api/admin/users/{id}/roles/Admin")).JsonAsync(HttpStatusCode.Conflict);
        Assert.Contains("last admin", refused.Str("detail"));

        var second = await host.CreateUserAsync("second-admin@test.local", "Admin-Pass-123", "Admin");
        var view = await (await admin.DeleteAsync($"/api/admin/users/{second}/roles/Admin")).JsonAsync();
        Assert.DoesNotContain("Admin", view.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [ProviderFact]
    public async Task The_audit_log_filters_by_actor_patient_action_recording_and_time_and_pages()
    {
        var (actor, patient, other) = (W.Actors[Who.DoctorWithoutGrant], Guid.NewGuid(), Guid.NewGuid());
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        var start = new DateTime(2031, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        var entries = Enumerable.Range(0, 30).Select(i => new AuditEntry
        {
            At = start.AddHours(i), ActorId = actor.Id, PatientId = i < 20 ? patient : other,
            Action = i % 2 == 0 ? "recording.window" : "analysis.read", RecordingId = i % 3 == 0 ? first : second,
        }).ToList();
        await fixture.Host.DbAsync(db => { db.AuditEntries.AddRange(entries); return db.SaveChangesAsync(); });
        var window = $"from={start:O}&to={start.AddHours(30):O}";

        async Task<JsonElement> Page(string query, string? range = null) => await (await Admin.GetAsync($"/api/admin/audit?{range ?? window}&{query}")).JsonAsync();
        static List<JsonElement> Items(JsonElement page) => page.GetProperty("items").EnumerateArray().ToList();

        var byEmail = await Page($"actor={Uri.EscapeDataString(actor.Email.ToUpperInvariant())}&pageSize=100");
        Assert.Equal(30, byEmail.GetProperty("total").GetInt32());
        Assert.All(Items(byEmail), e => Assert.Equal(actor.Email, e.Str("actorEmail")));
        Assert.Equal(30, (await Page($"actor={actor.Id}")).GetProperty("total").GetInt32());
        Assert.Equal(10, (await Page($"patient={patient}&action=analysis.read")).GetProperty("total").GetInt32());
        Assert.Equal(10, (await Page($"recording={first}")).GetProperty("total").GetInt32());
        Assert.Equal(10, (await Page($"patient={other}")).GetProperty("total").GetInt32());
        var day = await Page($"actor={actor.Id}", range: $"from={start.AddHours(5):O}&to={start.AddHours(8):O}");
        Assert.Equal([7, 6, 5], Items(day).Select(e => e.GetProperty("at").GetDateTime().Hour));

        var seen = new List<long>();
        for (var page = 1; page <= 5; page++)
        {
            var answer = await Page($"actor={actor.Id}&page={page}&pageSize=7");
            Assert.Equal(30, answer.GetProperty("total").GetInt32());
            Assert.Equal(page < 5 ? 7 : 2, Items(answer).Count);
            seen.AddRange(Items(answer).Select(e => e.GetProperty("id").GetInt64()));
        }
        Assert.Equal(seen.OrderDescending(), seen);
        Assert.Equal(30, seen.Distinct().Count());
    }

    [ProviderFact]
    public async Task Bad_audit_filters_are_refused_with_the_field_named()
    {
        foreach (var (query, field) in new[]
                 {
                     ("pageSize=0", "pageSize"), ("pageSize=1001", "pageSize"), ("page=0", "page"),
                     ("from=2031-03-02T00:00:00Z&to=2031-03-01T00:00:00Z", "to"), ("from=yesterday", "from"),
                 })
            Assert.Equal(field, (await (await Admin.GetAsync($"/api/admin/audit?{query}")).JsonAsync(HttpStatusCode.BadRequest)).Str("field"));
    }

    [ProviderFact]
    public async Task Storage_use_counts_recordings_samples_and_bytes_per_patient_without_names()
    {
        await using var host = new ServerHost(fixture.Provider, new Dictionary<string, string?> { ["Einthoven:Analysis:RunWorker"] = "false" });
        var admin = await AdminOf(host);
        var heavy = await host.NewPatientAsync("heavy@test.local");
        var light = await host.NewPatientAsync("light@test.local");
        foreach (var (client, name, seconds) in new[] { (heavy, "secret-name-a", 60), (heavy, "secret-name-b", 30), (light, "secret-name-c", 10) })
            await (await client.UploadAsync(TestRecords.WfdbFiles(TestRecords.Synthetic(name, seconds, seed: 5)))).JsonAsync(HttpStatusCode.Created);
        var (samples, bytes) = await host.DbAsync(async db =>
            (await db.Recordings.SumAsync(r => r.SampleCount * r.LeadCount), await db.Recordings.SumAsync(r => r.StoredBytes)));

        var response = await admin.GetAsync("/api/admin/storage?top=1");
        var text = await response.Content.ReadAsStringAsync();
        var storage = await response.JsonAsync();
        Assert.DoesNotContain("secret-name", text);
        Assert.Equal(3, storage.GetProperty("recordings").GetInt32());
        Assert.Equal(samples, storage.GetProperty("samples").GetInt64());
        Assert.Equal(bytes, storage.GetProperty("storedBytes").GetInt64());
        Assert.True(storage.GetProperty("databaseBytes").GetInt64() > bytes);
        var top = Assert.Single(storage.GetProperty("topPatients").EnumerateArray());
        Assert.Equal("heavy@test.local", top.Str("email"));
        Assert.Equal(2, top.GetProperty("recordings").GetInt32());
        Assert.Equal(2, (await (await admin.GetAsync("/api/admin/storage")).JsonAsync()).GetProperty("topPatients").GetArrayLength());
        Assert.Equal("top", (await (await admin.GetAsync("/api/admin/storage?top=0")).JsonAsync(HttpStatusCode.BadRequest)).Str("field"));
    }

    [ProviderFact]
    public async Task A_failed_job_is_listed_with_its_error_and_retried_by_the_admin()
    {
        var broken = true;
        var analyzer = new ScriptedAnalyzer((_, record, _, _) => broken ? throw new InvalidOperationException("analyzer broken") : ScriptedAnalyzer.OneBeatPerSecond(record));
        await using var host = new ServerHost(fixture.Provider, new Dictionary<string, string?>
        {
            ["Einthoven:Analysis:RunWorker"] = "false", ["Einthoven:Analysis:MaxAttempts"] = "1",
        }, analyzer.Install);
        var admin = await AdminOf(host);
        var patient = await host.NewPatientAsync("jobs@test.local");
        var upload = await (await patient.UploadAsync(TestRecords.WfdbFiles(TestRecords.Synthetic("secret-job", 10, seed: 6)))).JsonAsync(HttpStatusCode.Created);
        var recording = upload.GetProperty("recording").Id();
        var worker = host.Services.GetRequiredService<AnalysisWorker>();

        var queued = await Jobs(admin);
        Assert.Equal(1, queued.GetProperty("counts").GetProperty("Queued").GetInt32());
        var job = Assert.Single(queued.GetProperty("active").EnumerateArray());
        Assert.Equal(recording, job.GetProperty("recordingId").GetGuid());
        Assert.True(await worker.RunOneAsync(CancellationToken.None));

        var failed = await Jobs(admin);
        Assert.Equal(1, failed.GetProperty("counts").GetProperty("Failed").GetInt32());
        Assert.Equal(0, failed.GetProperty("counts").GetProperty("Queued").GetInt32());
        job = Assert.Single(failed.GetProperty("failed").EnumerateArray());
        Assert.Contains("analyzer broken", job.Str("error"));
        Assert.Equal(1, job.GetProperty("attempts").GetInt32());

        broken = false;
        var retried = await (await admin.PostAsync($"/api/admin/jobs/{job.Id()}/retry", null)).JsonAsync(HttpStatusCode.Accepted);
        Assert.Equal(("Queued", 0), (retried.Str("state"), retried.GetProperty("attempts").GetInt32()));
        Assert.True(await worker.RunOneAsync(CancellationToken.None));
        var done = await Jobs(admin);
        Assert.Equal((1, 0), (done.GetProperty("counts").GetProperty("Succeeded").GetInt32(), done.GetProperty("counts").GetProperty("Failed").GetInt32()));
        var analysis = await (await patient.GetAsync($"/api/recordings/{recording}/analysis")).JsonAsync();
        Assert.Equal("Succeeded", analysis.GetProperty("job").Str("state"));
        Assert.Equal(10, analysis.GetProperty("beatCounts").GetProperty("N").GetInt32());

        Assert.Equal("conflict", (await (await admin.PostAsync($"/api/admin/jobs/{job.Id()}/retry", null)).JsonAsync(HttpStatusCode.Conflict)).Str("title"));
        await (await admin.PostAsync($"/api/admin/jobs/{Guid.NewGuid()}/retry", null)).JsonAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain("secret-job", await (await admin.GetAsync("/api/admin/jobs")).Content.ReadAsStringAsync());
    }

    [ProviderFact]
    public async Task A_failed_job_that_a_newer_analysis_replaced_is_not_retried()
    {
        var analyzer = new ScriptedAnalyzer((_, _, _, _) => throw new InvalidOperationException("analyzer broken"));
        await using var host = new ServerHost(fixture.Provider, new Dictionary<string, string?>
        {
            ["Einthoven:Analysis:RunWorker"] = "false", ["Einthoven:Analysis:MaxAttempts"] = "1",
        }, analyzer.Install);
        var admin = await AdminOf(host);
        var patient = await host.NewPatientAsync("superseded@test.local");
        var recording = (await (await patient.UploadAsync(TestRecords.WfdbFiles(TestRecords.Synthetic("superseded", 10, seed: 7)))).JsonAsync(HttpStatusCode.Created))
            .GetProperty("recording").Id();
        Assert.True(await host.Services.GetRequiredService<AnalysisWorker>().RunOneAsync(CancellationToken.None));
        var old = Assert.Single((await Jobs(admin)).GetProperty("failed").EnumerateArray()).Id();
        await (await patient.PostAsync($"/api/recordings/{recording}/analysis", null)).JsonAsync(HttpStatusCode.Accepted);

        var refused = await (await admin.PostAsync($"/api/admin/jobs/{old}/retry", null)).JsonAsync(HttpStatusCode.Conflict);
        Assert.Contains("newer", refused.Str("detail"));
        Assert.Equal(1, (await Jobs(admin)).GetProperty("counts").GetProperty("Queued").GetInt32());
    }

    [ProviderFact]
    public async Task Health_reports_the_database_the_worker_the_queue_and_the_disk()
    {
        await W.WaitForAnalysisAsync(W.Recording);
        var response = await Admin.GetAsync("/api/admin/health");
        var text = await response.Content.ReadAsStringAsync();
        var health = await response.JsonAsync();
        Assert.Equal("ok", health.Str("status"));
        Assert.Empty(health.GetProperty("problems").EnumerateArray());
        Assert.True(health.GetProperty("database").GetProperty("reachable").GetBoolean());
        Assert.Equal(fixture.Provider.ToString(), health.GetProperty("database").Str("provider"));
        var worker = health.GetProperty("worker");
        Assert.True(worker.GetProperty("running").GetBoolean());
        Assert.InRange(worker.GetProperty("lastHeartbeat").GetDateTime(), DateTime.UtcNow.AddMinutes(-5), DateTime.UtcNow.AddMinutes(1));
        Assert.True(health.GetProperty("queue").GetProperty("queued").GetInt32() >= 0);
        Assert.False(string.IsNullOrEmpty(health.Str("version")));
        Assert.True(health.GetProperty("uptimeSeconds").GetDouble() > 0);
        Assert.True(health.GetProperty("disk").GetProperty("freeBytes").GetInt64() > 0);
        Assert.DoesNotContain(fixture.Host.DataFolder, text);
    }

    [ProviderFact]
    public async Task Health_says_when_no_worker_runs_in_this_process()
    {
        await using var host = new ServerHost(fixture.Provider, new Dictionary<string, string?> { ["Einthoven:Analysis:RunWorker"] = "false" });
        var patient = await host.NewPatientAsync("queue@test.local");
        await (await patient.UploadAsync(TestRecords.WfdbFiles(TestRecords.Synthetic("queued", 10, seed: 8)))).JsonAsync(HttpStatusCode.Created);
        var health = await (await (await AdminOf(host)).GetAsync("/api/admin/health")).JsonAsync();
        Assert.Equal("degraded", health.Str("status"));
        Assert.Contains(health.GetProperty("problems").EnumerateArray(), p => p.GetString()!.Contains("worker"));
        Assert.False(health.GetProperty("worker").GetProperty("running").GetBoolean());
        Assert.Equal(JsonValueKind.Null, health.GetProperty("worker").GetProperty("lastHeartbeat").ValueKind);
        Assert.Equal(1, health.GetProperty("queue").GetProperty("queued").GetInt32());
    }

    [ProviderFact]
    public async Task Every_admin_endpoint_documents_its_answer_type()
    {
        var spec = await (await W.Anonymous.GetAsync("/docs/v1/openapi.json")).JsonAsync();
        var operations = spec.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/admin/"))
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Name: $"{o.Name.ToUpperInvariant()} {p.Name}", Responses: o.Value.GetProperty("responses")))).ToList();
        Assert.Equal(20, operations.Count);
        foreach (var (name, responses) in operations)
        {
            var success = responses.EnumerateObject().Where(r => r.Name.StartsWith('2')).ToList();
            Assert.True(success.Count == 1, $"{name}: {success.Count} success answers documented");
            if (success[0].Name != "204")
                Assert.True(success[0].Value.TryGetProperty("content", out var content) && content.TryGetProperty("application/json", out _), $"{name}: untyped answer");
        }
    }

    private static async Task<HttpClient> AdminOf(ServerHost host)
    {
        await host.CreateUserAsync("admin@test.local", "Admin-Pass-123", "Admin");
        return await host.SignInAsync("admin@test.local", "Admin-Pass-123");
    }

    private static async Task<JsonElement> Jobs(HttpClient admin) => await (await admin.GetAsync("/api/admin/jobs")).JsonAsync();
}

[Collection("sqlite")]
public sealed class SqliteAdminTests(SqliteFixture fixture) : AdminTests(fixture);

[Collection("postgres"), UsesPostgres]
public sealed class PostgresAdminTests(PostgresFixture fixture) : AdminTests(fixture);
