using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Einthoven.Server.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Accounts;

/// <summary>
/// Keeps cookie sessions in the database (<see cref="UserSession"/>). The cookie handler is a singleton, so each call
/// opens its own scope for the database.
/// </summary>
public sealed class SessionStore(IServiceScopeFactory scopes, IDataProtectionProvider protection, TimeProvider time) : ITicketStore
{
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(8);
    private readonly IDataProtector _protector = protection.CreateProtector("Einthoven.Sessions.v1");

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = TokenService.Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        await db.Sessions.Where(s => s.ExpiresAt < now).ExecuteDeleteAsync();
        db.Sessions.Add(new UserSession
        {
            Id = Hash(key), UserId = UserIdOf(ticket), Ticket = Protect(ticket), CreatedAt = now, ExpiresAt = ExpiryOf(ticket, now),
        });
        await db.SaveChangesAsync();
        return key;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var protectedTicket = Protect(ticket);
        var expires = ExpiryOf(ticket, now);
        await db.Sessions.Where(s => s.Id == Hash(key))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Ticket, protectedTicket).SetProperty(x => x.ExpiresAt, expires));
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var session = await db.Sessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == Hash(key));
        if (session is null || session.ExpiresAt <= now) return null;
        try { return TicketSerializer.Default.Deserialize(_protector.Unprotect(session.Ticket)); }
        catch (CryptographicException) { return null; } // the key ring lost the key: the session is gone
    }

    public async Task RemoveAsync(string key)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        await db.Sessions.Where(s => s.Id == Hash(key)).ExecuteDeleteAsync();
    }

    /// <summary>Ends every session of a user (e.g. when an admin locks the account).</summary>
    public static Task EndAllAsync(AppDb db, Guid userId, CancellationToken ct) =>
        db.Sessions.Where(s => s.UserId == userId).ExecuteDeleteAsync(ct);

    private byte[] Protect(AuthenticationTicket ticket) => _protector.Protect(TicketSerializer.Default.Serialize(ticket));

    private static DateTime ExpiryOf(AuthenticationTicket ticket, DateTime now) =>
        ticket.Properties.ExpiresUtc?.UtcDateTime ?? now + DefaultLifetime;

    private static Guid UserIdOf(AuthenticationTicket ticket) =>
        Guid.TryParse(ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : Guid.Empty;

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
