using System.Net;
using Einthoven.Server.Tests.Hosting;
using Einthoven.Server.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Einthoven.Server.Tests;

/// <summary>Registration, cookie sessions, password change, tokens and rate limits (lockout: <see cref="LockoutTests"/>).</summary>
public abstract class AccountTests(ServerFixture fixture)
{
    private HttpClient Anonymous => fixture.World.Anonymous;

    [ProviderFact]
    public async Task Registration_makes_a_patient_and_refuses_weak_passwords()
    {
        var answer = await (await Anonymous.PostJsonAsync("/api/auth/register", new { email = "new@test.local", password = "Patient-Pass-123", displayName = "New" })).JsonAsync(HttpStatusCode.Accepted);
        Assert.Equal("new@test.local", answer.Str("email"));
        var signedIn = await fixture.Host.CookieClientAsync("new@test.local", "Patient-Pass-123");
        var me = await (await signedIn.GetAsync("/api/me")).JsonAsync();
        Assert.Equal(["Patient"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        var weak = await (await Anonymous.PostJsonAsync("/api/auth/register", new { email = "weak@test.local", password = "short" })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("password", weak.Str("field"));
    }

    [ProviderFact]
    public async Task Registering_a_taken_e_mail_answers_as_for_a_free_one_and_changes_nothing()
    {
        var owner = fixture.World.Owner;
        var free = await Anonymous.PostJsonAsync("/api/auth/register", new { email = "free@test.local", password = "Other-Pass-12345" });
        var taken = await Anonymous.PostJsonAsync("/api/auth/register", new { email = owner.Email, password = "Other-Pass-12345" });
        Assert.Equal(free.StatusCode, taken.StatusCode);
        Assert.Equal((await free.Content.ReadAsStringAsync()).Replace("free@test.local", owner.Email), await taken.Content.ReadAsStringAsync());
        Assert.Equal(free.Headers.Location, taken.Headers.Location);
        await (await Anonymous.PostJsonAsync("/api/auth/token", new { email = owner.Email, password = "Other-Pass-12345" })).JsonAsync(HttpStatusCode.Unauthorized);
        await (await Anonymous.PostJsonAsync("/api/auth/token", new { email = owner.Email, password = owner.Password })).JsonAsync(HttpStatusCode.Created);
    }

    [ProviderFact]
    public async Task Simultaneous_registrations_of_one_e_mail_all_get_the_same_clean_answer()
    {
        const string email = "twice@test.local";
        // Without Identity's own duplicate check, the database's unique index is what refuses the losers.
        await using var host = new ServerHost(fixture.Provider, services: s => s.RemoveAll<IUserValidator<AppUser>>());
        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ =>
            host.Client().PostJsonAsync("/api/auth/register", new { email, password = "Patient-Pass-123" })));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        Assert.Single(await host.DbAsync(db => db.Users.ToListAsync()), u => u.Email == email); // e-mails are encrypted: compare after reading
        await (await host.Client().PostJsonAsync("/api/auth/token", new { email, password = "Patient-Pass-123" })).JsonAsync(HttpStatusCode.Created);
    }

    [ProviderFact]
    public async Task Signing_in_with_an_unknown_e_mail_costs_a_password_hash_like_a_known_one()
    {
        var hasher = new CountingHasher();
        await using var host = new ServerHost(fixture.Provider, services: s => s.AddSingleton<IPasswordHasher<AppUser>>(hasher));
        await host.NewPatientAsync("known@test.local");
        foreach (var email in new[] { "known@test.local", "unknown@test.local" })
        {
            var before = hasher.Verifications;
            await (await host.Client().PostJsonAsync("/api/auth/login", new { email, password = "Wrong-Pass-1234" })).JsonAsync(HttpStatusCode.Unauthorized);
            Assert.Equal(before + 1, hasher.Verifications);
        }
    }

    [ProviderFact]
    public async Task A_cookie_session_signs_in_and_out()
    {
        var owner = fixture.World.Owner;
        var client = await fixture.Host.CookieClientAsync(owner.Email, owner.Password);
        Assert.Contains(owner.Email, await (await client.GetAsync("/api/me")).Content.ReadAsStringAsync());
        await (await client.GetAsync($"/api/recordings/{fixture.World.Recording}")).JsonAsync();
        (await client.PostAsync("/api/auth/logout", null)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
    }

    [ProviderFact]
    public async Task A_password_change_needs_the_current_password_and_then_only_the_new_one_signs_in()
    {
        const string email = "changer@test.local", old = "Patient-Pass-123", fresh = "Fresher-Pass-456";
        var patient = await fixture.Host.NewPatientAsync(email);
        var session = await fixture.Host.CookieClientAsync(email, old);
        var wrong = await (await session.PostJsonAsync("/api/auth/password", new { currentPassword = "Not-The-Pass-1", newPassword = fresh })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("currentPassword", wrong.Str("field"));
        var weak = await (await session.PostJsonAsync("/api/auth/password", new { currentPassword = old, newPassword = "short" })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("newPassword", weak.Str("field"));
        await (await session.PostJsonAsync("/api/auth/password", new { currentPassword = old, newPassword = fresh })).JsonAsync(HttpStatusCode.NoContent);
        await (await Anonymous.PostJsonAsync("/api/auth/token", new { email, password = old })).JsonAsync(HttpStatusCode.Unauthorized);
        await (await Anonymous.PostJsonAsync("/api/auth/token", new { email, password = fresh })).JsonAsync(HttpStatusCode.Created);
        await (await session.GetAsync("/api/me")).JsonAsync(); // the session that changed it goes on
        await (await patient.GetAsync("/api/me")).JsonAsync(); // and personal access tokens stay valid (docs/SECURITY.md)
    }

    [ProviderFact]
    public async Task Revoking_a_token_revokes_the_tokens_made_with_it()
    {
        var parent = await fixture.Host.NewPatientAsync("token-family@test.local");
        var child = await (await parent.PostJsonAsync("/api/tokens", new { name = "child" })).JsonAsync(HttpStatusCode.Created);
        var grandchild = await (await fixture.Host.Client(child.Str("token")).PostJsonAsync("/api/tokens", new { name = "grandchild" })).JsonAsync(HttpStatusCode.Created);
        var sibling = await (await parent.PostJsonAsync("/api/tokens", new { name = "sibling" })).JsonAsync(HttpStatusCode.Created);
        await (await parent.DeleteAsync($"/api/tokens/{child.Id()}")).JsonAsync(HttpStatusCode.NoContent);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Host.Client(child.Str("token")).GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Host.Client(grandchild.Str("token")).GetAsync("/api/me")).StatusCode);
        await (await fixture.Host.Client(sibling.Str("token")).GetAsync("/api/me")).JsonAsync();
        await (await parent.GetAsync("/api/me")).JsonAsync();
    }

    [ProviderFact]
    public async Task Tokens_are_stored_hashed_and_expire()
    {
        var owner = fixture.World.Owner;
        var created = await (await owner.Client.PostJsonAsync("/api/tokens", new { name = "device", expiresInDays = 1 })).JsonAsync(HttpStatusCode.Created);
        var secret = created.Str("token");
        var stored = await fixture.Host.DbAsync(db => db.AccessTokens.SingleAsync(t => t.Id == created.Id()));
        Assert.Equal(64, stored.Hash.Length);
        Assert.DoesNotContain(secret, stored.Hash);
        await (await fixture.Host.Client(secret).GetAsync("/api/me")).JsonAsync();
        await fixture.Host.DbAsync(db => db.AccessTokens.Where(t => t.Id == created.Id())
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, DateTime.UtcNow.AddSeconds(-1))));
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Host.Client(secret).GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Host.Client("eth_forged").GetAsync("/api/me")).StatusCode);
    }

    [ProviderFact]
    public async Task Sign_in_and_key_endpoints_are_rate_limited()
    {
        await using var host = new ServerHost(fixture.Provider, new Dictionary<string, string?>
        {
            ["Einthoven:SignInPermitsPerMinute"] = "3", ["Einthoven:KeyPermitsPerMinute"] = "2",
        });
        var client = host.Client();
        for (var i = 0; i < 3; i++)
            await (await client.PostJsonAsync("/api/auth/login", new { email = "x@test.local", password = "nope-nope-1" })).JsonAsync(HttpStatusCode.Unauthorized);
        var limited = await client.PostJsonAsync("/api/auth/token", new { email = "x@test.local", password = "nope-nope-1" });
        var problem = await limited.JsonAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal("too many requests", problem.Str("title"));
        Assert.True(limited.Headers.RetryAfter is not null);
    }

    [ProviderFact]
    public async Task The_api_is_documented_at_docs_and_errors_are_problem_details()
    {
        var spec = await (await Anonymous.GetAsync("/docs/v1/openapi.json")).JsonAsync();
        var paths = spec.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var path in new[] { "/api/recordings", "/api/recordings/{id}/window", "/api/grants", "/api/access-keys", "/api/audit", "/api/auth/token" })
            Assert.Contains(path, paths);
        Assert.Equal(HttpStatusCode.OK, (await Anonymous.GetAsync("/docs/index.html")).StatusCode);
        var missing = await Anonymous.GetAsync("/api/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }
}

/// <summary>Identity's hasher, counting how many passwords it checks.</summary>
public sealed class CountingHasher : IPasswordHasher<AppUser>
{
    private readonly PasswordHasher<AppUser> _inner = new();
    private int _verifications;

    public int Verifications => Volatile.Read(ref _verifications);

    public string HashPassword(AppUser user, string password) => _inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifications);
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

[Collection("sqlite")]
public sealed class SqliteAccountTests(SqliteFixture fixture) : AccountTests(fixture);

[Collection("postgres"), UsesPostgres]
public sealed class PostgresAccountTests(PostgresFixture fixture) : AccountTests(fixture);
