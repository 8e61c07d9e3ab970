using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Api;

/// <summary>Something its owner can revoke (tokens, access keys, grants): it stays, marked with the time.</summary>
public interface IRevocable
{
    DateTime? RevokedAt { get; set; }
}

public static class Revocation
{
    /// <summary>Revokes the single item <paramref name="owned"/> selects (404 when there is none visible to the caller).</summary>
    public static async Task<IResult> RevokeAsync<T>(this AppDb db, IQueryable<T> owned, string what, TimeProvider time, CancellationToken ct)
        where T : class, IRevocable
    {
        var item = await owned.SingleOrDefaultAsync(ct);
        if (item is null) return Problems.NotFound(what);
        item.RevokedAt ??= time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return Results.NoContent();
    }
}
