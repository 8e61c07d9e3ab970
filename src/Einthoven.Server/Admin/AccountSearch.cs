using Einthoven.Server.Accounts;
using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Admin;

/// <summary>
/// Finds accounts by part of their e-mail or name. Both are encrypted in the database (docs/SECURITY.md), so SQL
/// cannot search them: the accounts are read and decrypted, then matched here.
/// </summary>
public static class AccountSearch
{
    public static async Task<List<AppUser>> MatchingAsync(AppDb db, string? text, CancellationToken ct)
    {
        var all = await db.Users.AsNoTracking().ToListAsync(ct);
        var matching = string.IsNullOrWhiteSpace(text) ? all
            : all.Where(u => (u.Email ?? "").Contains(text.Trim(), StringComparison.OrdinalIgnoreCase)
                             || u.DisplayName.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        return matching.OrderBy(u => u.Email, StringComparer.OrdinalIgnoreCase).ToList();
    }

    public static async Task<List<Guid>> IdsByEmailAsync(AppDb db, string text, CancellationToken ct) =>
        (await db.Users.AsNoTracking().Select(u => new { u.Id, u.Email }).ToListAsync(ct))
        .Where(u => (u.Email ?? "").Contains(text.Trim(), StringComparison.OrdinalIgnoreCase)).Select(u => u.Id).ToList();
}
