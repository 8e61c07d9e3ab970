using System.Security.Claims;
using Einthoven.Server.Accounts;
using Einthoven.Server.Api;
using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Sharing;

/// <summary>A patient's access keys: create (the key is shown once), list, revoke.</summary>
public static class AccessKeyEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/access-keys").WithTags("Sharing").RequireAuthorization(p => p.RequireRole(Roles.Patient));
        keys.MapPost("/", Create).RequireRateLimiting(RateLimits.Keys).WithSummary("Create an access key to give to a doctor; the key is in this answer only");
        keys.MapGet("/", List).WithSummary("Your access keys (never the keys themselves)");
        keys.MapDelete("/{id:guid}", Revoke).WithSummary("Revoke a key so that no new grant can be made with it");
    }

    private static async Task<IResult> Create(NewAccessKeyRequest body, ClaimsPrincipal user, AppDb db, KeyHasher hasher, TimeProvider time, CancellationToken ct)
    {
        if (body.ExpiresInDays is <= 0 or > 3650) return Problems.BadRequest("invalid expiry", "expiresInDays must be 1-3650", "expiresInDays");
        var now = time.GetUtcNow().UtcDateTime;
        var secret = KeyHasher.NewKey();
        var label = string.IsNullOrWhiteSpace(body.Label) ? "access key" : body.Label.Trim();
        var key = new AccessKey
        {
            Id = Guid.NewGuid(), PatientId = user.UserId(), Label = label.Length > 100 ? label[..100] : label, Hash = hasher.Hash(secret),
            CreatedAt = now, ExpiresAt = body.ExpiresInDays is { } days ? now.AddDays(days) : null,
        };
        db.AccessKeys.Add(key);
        await db.SaveChangesAsync(ct);
        return Results.Created($"/api/access-keys/{key.Id}", new NewAccessKeyView(key.Id, key.Label, secret, key.ExpiresAt));
    }

    private static async Task<IResult> List(ClaimsPrincipal user, AppDb db, CancellationToken ct) =>
        Results.Ok(await db.AccessKeys.AsNoTracking().Where(k => k.PatientId == user.UserId()).OrderBy(k => k.CreatedAt)
            .Select(k => new AccessKeyView(k.Id, k.Label, k.CreatedAt, k.ExpiresAt, k.RevokedAt)).ToListAsync(ct));

    private static Task<IResult> Revoke(Guid id, ClaimsPrincipal user, AppDb db, TimeProvider time, CancellationToken ct) =>
        db.RevokeAsync(db.AccessKeys.Where(k => k.Id == id && k.PatientId == user.UserId()), "access key", time, ct);
}
