using System.Net;
using Einthoven.Server.Tests.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Tests;

/// <summary>Registration, cookie sessions, tokens, lockout and rate limits.</summary>
public abstract class AccountTests(ServerFixture fixture)
{
    private HttpClient Anonymous => fixture.World.Anonymous;

    [ProviderFact]
    public async Task Registration_makes_a_patient_and_refuses_duplicates_and_weak_passwords()
    {
        var me = await (await Anonymous.PostJsonAsync("/api/auth/register", new { email = "new@test.local", password = "Patient-Pass-123", displayName = "New" })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(["Patient"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        await (await Anonymous.PostJsonAsync("/api/auth/register", new { email = "new@test.local", password = "Patient-Pass-123" })).JsonAsync(HttpStatusCode.Conflict);
        var weak = await (await Anonymous.PostJsonAsync("/api/auth/register", new { email = "weak@test.local", password = "short" })).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("password", weak.Str("field"));
    }

    [ProviderFact]
    public async Task A_cookie_session_signs_in_and_out()
    {
        var client = fixture.Host.Client();
        var owner = fixture.World.Owner;
        await (await client.PostJsonAsync("/api/auth/login", new { email = owner.Email, password = owner.Password })).JsonAsync();
        Assert.Contains(owner.Email, await (await client.GetAsync("/api/me")).Content.ReadAsStringAsync());
        await (await client.GetAsync($"/api/recordings/{fixture.World.Recording}")).JsonAsync();
        (await client.PostAsync("/api/auth/logout", null)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
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
    public async Task Five_wrong_passwords_lock_the_account_until_an_admin_unlocks_it()
    {
        const string email = "locked@test.local", password = "Patient-Pass-123";
        var me = await (await Anonymous.PostJsonAsync("/api/auth/register", new { email, password })).JsonAsync(HttpStatusCode.Created);
        for (var i = 0; i < 5; i++)
            await (await Anonymous.PostJsonAsync("/api/auth/login", new { email, password = "wrong-password-1" })).JsonAsync(i < 4 ? HttpStatusCode.Unauthorized : (HttpStatusCode)423);
        var locked = await (await Anonymous.PostJsonAsync("/api/auth/token", new { email, password })).JsonAsync((HttpStatusCode)423);
        Assert.Equal("account locked", locked.Str("title"));
        (await fixture.World.Actors[Who.Admin].Client.PostAsync($"/api/admin/users/{me.Id()}/unlock", null)).EnsureSuccessStatusCode();
        await (await Anonymous.PostJsonAsync("/api/auth/token", new { email, password })).JsonAsync(HttpStatusCode.Created);
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

[Collection("sqlite")]
public sealed class SqliteAccountTests(SqliteFixture fixture) : AccountTests(fixture);

[Collection("postgres"), UsesPostgres]
public sealed class PostgresAccountTests(PostgresFixture fixture) : AccountTests(fixture);
