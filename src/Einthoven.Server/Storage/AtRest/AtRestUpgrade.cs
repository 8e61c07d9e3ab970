using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Storage.AtRest;

/// <summary>
/// Encrypts what a database made before encryption at rest still holds in plain text. Accounts are rewritten at start
/// (there are few, and a plain normalised e-mail could not be found by sign-in otherwise). Health data written before
/// is read as it is (<see cref="AtRestProtection.Unprotect(byte[])"/>) and encrypted when it is next written.
/// </summary>
public static class AtRestUpgrade
{
    private sealed record AccountRow(Guid Id, string? NormalizedEmail);

    public static async Task EncryptLegacyAccountsAsync(AppDb db, LookupKeyRing keys, CancellationToken ct)
    {
        var rows = await db.Database.SqlQueryRaw<AccountRow>("SELECT \"Id\", \"NormalizedEmail\" FROM \"AspNetUsers\"").ToListAsync(ct);
        var prefixes = keys.GetAllKeyIds().Select(k => k + ":").ToArray();
        foreach (var row in rows.Where(r => r.NormalizedEmail is { } e && !prefixes.Any(e.StartsWith)))
        {
            var user = await db.Users.SingleAsync(u => u.Id == row.Id, ct);
            db.Entry(user).State = EntityState.Modified; // every protected column is written again, through its converter
        }
        await db.SaveChangesAsync(ct);
    }
}
