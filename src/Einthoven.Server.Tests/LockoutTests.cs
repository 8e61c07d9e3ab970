using System.Net;
using Einthoven.Server.Accounts;
using Einthoven.Server.Tests.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Einthoven.Server.Tests;

/// <summary>
/// The lockout policy (docs/SECURITY.md): wrong passwords lock the address they come from out of the account, not the
/// account; only many addresses together lock the account, which an admin then sees and unlocks.
/// </summary>
public abstract class LockoutTests(ServerFixture fixture)
{
    private const string Email = "target@test.local", Password = "Patient-Pass-123";

    [ProviderFact]
    public async Task Five_wrong_passwords_lock_out_their_address_and_not_the_owner_elsewhere()
    {
        await using var host = await HostAsync(addressesPerAccount: 10);
        var attacker = RemoteAddress.From(host, "198.51.100.7");
        for (var i = 0; i < 5; i++)
            await (await attacker.PostJsonAsync("/api/auth/login", new { email = Email, password = "wrong-password-1" })).JsonAsync(i < 4 ? HttpStatusCode.Unauthorized : (HttpStatusCode)423);
        var locked = await (await attacker.PostJsonAsync("/api/auth/token", new { email = Email, password = Password })).JsonAsync((HttpStatusCode)423);
        Assert.Equal("sign-in locked", locked.Str("title"));
        await (await RemoteAddress.From(host, "203.0.113.20").PostJsonAsync("/api/auth/token", new { email = Email, password = Password })).JsonAsync(HttpStatusCode.Created);
        Assert.Null(await host.DbAsync(db => db.Users.Where(u => u.Email == Email).Select(u => u.LockoutEnd).SingleAsync()));
        // An unknown e-mail is answered alike, so the lockout does not tell which accounts exist.
        for (var i = 0; i < 5; i++)
            await (await attacker.PostJsonAsync("/api/auth/login", new { email = "nobody@test.local", password = "wrong-password-1" })).JsonAsync(i < 4 ? HttpStatusCode.Unauthorized : (HttpStatusCode)423);
    }

    [ProviderFact]
    public async Task Wrong_passwords_from_many_addresses_lock_the_account_until_an_admin_unlocks_it()
    {
        await using var host = await HostAsync(addressesPerAccount: 3);
        var admin = await AdminAsync(host);
        for (var address = 1; address <= 3; address++)
        {
            var attacker = RemoteAddress.From(host, $"198.51.100.{address}");
            for (var i = 0; i < 5; i++)
            {
                var expected = i < 4 ? HttpStatusCode.Unauthorized : (HttpStatusCode)423;
                var answer = await (await attacker.PostJsonAsync("/api/auth/login", new { email = Email, password = "wrong-password-1" })).JsonAsync(expected);
                if (i == 4) Assert.Equal(address < 3 ? "sign-in locked" : "account locked", answer.Str("title"));
            }
        }
        var owner = RemoteAddress.From(host, "203.0.113.20");
        var locked = await (await owner.PostJsonAsync("/api/auth/token", new { email = Email, password = Password })).JsonAsync((HttpStatusCode)423);
        Assert.Equal("account locked", locked.Str("title"));
        var listed = (await (await admin.GetAsync("/api/admin/users")).JsonAsync()).EnumerateArray().Single(u => u.Str("email") == Email);
        Assert.True(listed.GetProperty("lockedOut").GetBoolean());
        await (await admin.PostAsync($"/api/admin/users/{listed.Id()}/unlock", null)).JsonAsync(HttpStatusCode.NoContent);
        await (await owner.PostJsonAsync("/api/auth/token", new { email = Email, password = Password })).JsonAsync(HttpStatusCode.Created);
        await (await RemoteAddress.From(host, "198.51.100.1").PostJsonAsync("/api/auth/token", new { email = Email, password = Password })).JsonAsync(HttpStatusCode.Created);
    }

    private async Task<ServerHost> HostAsync(int addressesPerAccount)
    {
        var host = new ServerHost(fixture.Provider, new Dictionary<string, string?> { ["Einthoven:Lockout:AddressesPerAccount"] = addressesPerAccount.ToString() },
            RemoteAddress.Install);
        await (await host.Client().PostJsonAsync("/api/auth/register", new { email = Email, password = Password })).JsonAsync(HttpStatusCode.Accepted);
        return host;
    }

    private static async Task<HttpClient> AdminAsync(ServerHost host)
    {
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var admin = new AppUser { Id = Guid.NewGuid(), UserName = "admin@test.local", Email = "admin@test.local", DisplayName = "Admin" };
            Assert.True((await users.CreateAsync(admin, "Admin-Pass-123")).Succeeded);
            await users.AddToRoleAsync(admin, Roles.Admin);
        }
        var token = await (await host.Client().PostJsonAsync("/api/auth/token", new { email = "admin@test.local", password = "Admin-Pass-123" })).JsonAsync(HttpStatusCode.Created);
        return host.Client(token.Str("token"));
    }
}

[Collection("sqlite")]
public sealed class SqliteLockoutTests(SqliteFixture fixture) : LockoutTests(fixture);

[Collection("postgres"), UsesPostgres]
public sealed class PostgresLockoutTests(PostgresFixture fixture) : LockoutTests(fixture);
