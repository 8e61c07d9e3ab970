using System.Security.Claims;
using Einthoven.Server.Accounts;
using Einthoven.Server.Api;
using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.ContinuousLearning;

/// <summary>Retraining runs for admins: every run with its dataset, metrics, decision and reason; a run on demand.</summary>
public static class RetrainingEndpoints
{
    private const int MaxTake = 200;

    public static void Map(IEndpointRouteBuilder app)
    {
        var runs = app.MapGroup("/api/retraining/runs").WithTags("Models").RequireAuthorization(p => p.RequireRole(Roles.Admin));
        runs.MapGet("/", List).Produces<List<RetrainingRunView>>().ProducesProblem(400)
            .WithSummary("Retraining runs, newest first, with their dataset version, holdout metrics, decision and reason");
        runs.MapPost("/", Start).Produces<RetrainingRunView>(StatusCodes.Status202Accepted).ProducesProblem(409)
            .WithSummary("Start a retraining run now (it runs in the background at low priority; one at a time)");
    }

    private static async Task<IResult> List(AppDb db, int? take, CancellationToken ct)
    {
        if (take is < 1 or > MaxTake) return Problems.BadRequest("invalid page size", $"take must be 1-{MaxTake}", "take");
        var runs = await db.RetrainingRuns.AsNoTracking().OrderByDescending(r => r.StartedAt).Take(take ?? 50).ToListAsync(ct);
        var emails = await LearningViews.EmailsAsync(db, runs.Select(r => r.RequestedBy), ct);
        return Results.Ok(runs.Select(r => LearningViews.Of(r, emails)).ToList());
    }

    private static async Task<IResult> Start(ClaimsPrincipal user, RetrainingRunner runner, AppDb db, CancellationToken ct)
    {
        var run = await runner.StartAsync("admin", user.UserId(), ct);
        if (run is null) return Problems.Conflict("a retraining run is going on; wait for it to end");
        var emails = await LearningViews.EmailsAsync(db, [run.RequestedBy], ct);
        return Results.Accepted("/api/retraining/runs", LearningViews.Of(run, emails));
    }
}
