using System.Net;
using Einthoven.Server.Accounts;
using Einthoven.Server.Tests.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Einthoven.Server.Tests;

/// <summary>
/// What ends a session ends it at once: sign-out (even for a copied cookie), a role taken away, a changed security
/// stamp (password change), a lockout. Cookie sessions and, where it applies, tokens.
/// </summary>
public abstract class SessionInvalidationTests(ServerFixture fixture)
{
    private World W => fixture.World;

    [ProviderFact]
    public async Task A_copied_cookie_stops_working_after_sign_out()
    {
        var (client, cookie) = await CookieSessionAsync(W.Owner.Email, W.Owner.Password);
        var copy = WithCookie(cookie);
        await (await copy.GetAsync("/api/me")).JsonAsync();
        (await client.PostAsync("/api/auth/logout", null)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.GetAsync($"/api/recordings/{W.Recording}")).StatusCode);
    }

    [ProviderFact]
    public async Task Sessions_are_stored_server_side_without_the_cookie_key()
    {
        var (_, cookie) = await CookieSessionAsync(W.Owner.Email, W.Owner.Password);
        var sessions = await fixture.Host.DbAsync(db => db.Sessions.Where(s => s.UserId == W.Owner.Id).ToListAsync());
        Assert.NotEmpty(sessions);
        Assert.All(sessions, s => Assert.DoesNotContain(s.Id, cookie));
        Assert.All(sessions, s => Assert.DoesNotContain(W.Owner.Email, System.Text.Encoding.UTF8.GetString(s.Ticket)));
    }

    [ProviderFact]
    public async Task A_doctor_whose_role_is_taken_away_loses_access_in_an_open_session()
    {
        var email = $"demoted-{Guid.NewGuid():N}@test.local";
        const string password = "Doctor-Pass-123";
        await (await W.Anonymous.PostJsonAsync("/api/auth/register", new { email, password })).JsonAsync(HttpStatusCode.Accepted);
        var doctorId = await IdOfAsync(email);
        var admin = W.Actors[Who.Admin].Client;
        await (await admin.PostJsonAsync($"/api/admin/users/{doctorId}/roles", new { role = "Doctor" })).JsonAsync();
        var (doctor, _) = await CookieSessionAsync(email, password);
        var key = await (await W.Owner.Client.PostJsonAsync("/api/access-keys", new { label = "demoted" })).JsonAsync(HttpStatusCode.Created);
        await (await doctor.PostJsonAsync("/api/grants", new { patientEmail = W.Owner.Email, key = key.Str("key") })).JsonAsync(HttpStatusCode.Created);
        await (await doctor.GetAsync($"/api/recordings/{W.Recording}")).JsonAsync();

        await (await admin.DeleteAsync($"/api/admin/users/{doctorId}/roles/Doctor")).JsonAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await doctor.GetAsync($"/api/recordings/{W.Recording}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await doctor.GetAsync("/api/doctor/patients")).StatusCode);
        var again = await W.Owner.Client.PostJsonAsync("/api/access-keys", new { label = "demoted-2" });
        var claim = await doctor.PostJsonAsync("/api/grants", new { patientEmail = W.Owner.Email, key = (await again.JsonAsync(HttpStatusCode.Created)).Str("key") });
        Assert.Equal(HttpStatusCode.Forbidden, claim.StatusCode);
    }

    [ProviderFact]
    public async Task A_changed_security_stamp_ends_every_cookie_session()
    {
        var (email, password, id) = await NewPatientAsync();
        var (first, _) = await CookieSessionAsync(email, password);
        var (second, _) = await CookieSessionAsync(email, password);
        await WithUserAsync(id, (users, user) => users.UpdateSecurityStampAsync(user));
        Assert.Equal(HttpStatusCode.Unauthorized, (await first.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync("/api/me")).StatusCode);
        Assert.Equal(0, await fixture.Host.DbAsync(db => db.Sessions.CountAsync(s => s.UserId == id)));
    }

    [ProviderFact]
    public async Task A_lockout_ends_cookie_sessions_and_tokens_until_it_is_lifted()
    {
        var (email, password, id) = await NewPatientAsync();
        var (session, _) = await CookieSessionAsync(email, password);
        var token = (await (await W.Anonymous.PostJsonAsync("/api/auth/token", new { email, password })).JsonAsync(HttpStatusCode.Created)).Str("token");
        await WithUserAsync(id, (users, user) => users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddMinutes(15)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Host.Client(token).GetAsync("/api/me")).StatusCode);
        (await W.Actors[Who.Admin].Client.PostAsync($"/api/admin/users/{id}/unlock", null)).EnsureSuccessStatusCode();
        await (await fixture.Host.Client(token).GetAsync("/api/me")).JsonAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.GetAsync("/api/me")).StatusCode); // that session was ended, not paused
    }

    private async Task<(string Email, string Password, Guid Id)> NewPatientAsync()
    {
        var email = $"session-{Guid.NewGuid():N}@test.local";
        const string password = "Patient-Pass-123";
        await (await W.Anonymous.PostJsonAsync("/api/auth/register", new { email, password })).JsonAsync(HttpStatusCode.Accepted);
        return (email, password, await IdOfAsync(email));
    }

    private async Task<Guid> IdOfAsync(string email)
    {
        await using var scope = fixture.Host.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email))!.Id;
    }

    private async Task<(HttpClient Client, string Cookie)> CookieSessionAsync(string email, string password)
    {
        var client = fixture.Host.Client();
        var login = await client.PostJsonAsync("/api/auth/login", new { email, password });
        await login.JsonAsync();
        client.DefaultRequestHeaders.Add("Origin", ServerHost.Origin);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("einthoven=", StringComparison.Ordinal)).Split(';')[0];
        return (client, cookie);
    }

    private HttpClient WithCookie(string cookie)
    {
        var client = new HttpClient(fixture.Host.Handler()) { BaseAddress = new Uri("http://localhost") };
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        client.DefaultRequestHeaders.Add("Origin", ServerHost.Origin);
        return client;
    }

    private async Task WithUserAsync(Guid id, Func<UserManager<AppUser>, AppUser, Task<IdentityResult>> change)
    {
        await using var scope = fixture.Host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.True((await change(users, (await users.FindByIdAsync(id.ToString()))!)).Succeeded);
    }
}

[Collection("sqlite")]
public sealed class SqliteSessionInvalidation(SqliteFixture fixture) : SessionInvalidationTests(fixture);

[Collection("postgres"), UsesPostgres]
public sealed class PostgresSessionInvalidation(PostgresFixture fixture) : SessionInvalidationTests(fixture);
