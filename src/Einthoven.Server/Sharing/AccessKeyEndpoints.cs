using System.Security.Claims;
using Einthoven.Server.Accounts;
using Einthoven.Server.Api;
using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Einthoven.Server.Sharing;

/// <summary>A patient's access keys: create (the key is shown once), list, revoke (which ends the access the key gave).</summary>
public static class AccessKeyEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/access-keys").WithTags("Sharing").RequireAuthorization(p => p.RequireRole(Roles.Patient));
        keys.MapPost("/", Create).RequireRateLimiting(RateLimits.Keys)
            .Produces<NewAccessKeyView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Create an access key to give to a doctor (single-use unless maxUses says more; expires); the key is in this answer only");
        keys.MapGet("/", List).Produces<List<AccessKeyView>>().WithSummary("Your access keys with their uses and expiry (never the keys themselves)");
        keys.MapDelete("/{id:guid}", Revoke).Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Revoke a key: no new grant can be made with it, and every grant made with it ends");
    }

    private static async Task<IResult> Create(NewAccessKeyRequest body, ClaimsPrincipal user, AppDb db, KeyHasher hasher, IOptions<ServerOptions> options,
        TimeProvider time, CancellationToken ct)
    {
        var limits = options.Value.Sharing;
        var days = body.ExpiresInDays ?? limits.DefaultKeyDays;
        if (days < 1 || days > limits.MaxKeyDays) return Problems.BadRequest("invalid expiry", $"expiresInDays must be 1-{limits.MaxKeyDays}", "expiresInDays");
        var maxUses = body.MaxUses ?? 1;
        if (maxUses < 1 || maxUses > limits.MaxKeyUses) return Problems.BadRequest("invalid number of uses", $"maxUses must be 1-{limits.MaxKeyUses}", "maxUses");
        var me = user.UserId();
        var now = time.GetUtcNow().UtcDateTime;
        if (await db.AccessKeys.Where(k => k.PatientId == me).CountAsync(AccessKey.Admits(now), ct) >= limits.MaxActiveKeys)
            return Problems.Conflict($"you already have {limits.MaxActiveKeys} access keys that can still be used, the most allowed; revoke one you no longer need");

        string secret, identifier;
        do identifier = KeyHasher.IdentifierOf(secret = KeyHasher.NewKey())!;
        while (await db.AccessKeys.AnyAsync(k => k.PatientId == me && k.Identifier == identifier, ct));
        var label = string.IsNullOrWhiteSpace(body.Label) ? "access key" : body.Label.Trim();
        var key = new AccessKey
        {
            Id = Guid.NewGuid(), PatientId = me, Identifier = identifier, Label = label.Length > 100 ? label[..100] : label, Hash = hasher.Hash(secret),
            CreatedAt = now, ExpiresAt = now.AddDays(days), MaxUses = maxUses,
        };
        db.AccessKeys.Add(key);
        await db.SaveChangesAsync(ct);
        return Results.Created($"/api/access-keys/{key.Id}", new NewAccessKeyView(key.Id, key.Label, secret, key.ExpiresAt, key.MaxUses));
    }

    private static async Task<IResult> List(ClaimsPrincipal user, AppDb db, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var keys = await db.AccessKeys.AsNoTracking().Where(k => k.PatientId == user.UserId()).OrderBy(k => k.CreatedAt).ToListAsync(ct);
        return Results.Ok(keys.Select(k => new AccessKeyView(k.Id, k.Label, k.Identifier, k.CreatedAt, k.ExpiresAt, k.RevokedAt, k.Uses, k.MaxUses, k.CanAdmit(now))).ToList());
    }

    private static async Task<IResult> Revoke(Guid id, ClaimsPrincipal user, AppDb db, TimeProvider time, CancellationToken ct)
    {
        var me = user.UserId();
        var now = time.GetUtcNow().UtcDateTime;
        var strategy = db.Database.CreateExecutionStrategy();
        var found = await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // The key first: a claim that is using it holds its row, so the grants below include that claim's grant.
            var key = db.AccessKeys.Where(k => k.Id == id && k.PatientId == me);
            await key.Where(k => k.RevokedAt == null).ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now), ct);
            if (!await key.AnyAsync(ct)) return false;
            await db.AccessGrants.Where(g => g.AccessKeyId == id && g.RevokedAt == null).ExecuteUpdateAsync(s => s.SetProperty(g => g.RevokedAt, now), ct);
            await tx.CommitAsync(ct);
            return true;
        });
        return found ? Results.NoContent() : Problems.NotFound("access key");
    }
}
