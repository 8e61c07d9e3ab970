using System.Security.Claims;
using Einthoven.Server.Accounts;
using Einthoven.Server.Api;
using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.ContinuousLearning;

/// <summary>
/// The model registry for admins: the beat model's versions with status, dataset and metrics, the history, promotion
/// of any version and rollback to the previous champion in one action. The analysis switches without a restart.
/// </summary>
public static class ModelEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var models = app.MapGroup("/api/models/beats").WithTags("Models").RequireAuthorization(p => p.RequireRole(Roles.Admin));
        models.MapGet("/", List).Produces<ModelRegistryView>()
            .WithSummary("The beat model's versions (status, training dataset, metrics), the one the analysis runs, and the history of promotions and rollbacks");
        models.MapPost("/{version:int}/promote", Promote).Produces<ModelRegistryView>().ProducesProblem(404).ProducesProblem(409).ProducesProblem(422)
            .WithSummary("Make a version the champion: new analyses use it at once");
        models.MapPost("/rollback", Rollback).Produces<ModelRegistryView>().ProducesProblem(409).ProducesProblem(422)
            .WithSummary("Back to the previous champion in one action (each rollback goes one champion further back)");
    }

    private static async Task<IResult> List(AppDb db, ActiveModels active, CancellationToken ct) => Results.Ok(await ViewAsync(db, active, ct));

    private static async Task<IResult> Promote(int version, ModelChangeRequest? body, ClaimsPrincipal user, ModelRegistry registry, AppDb db,
        ActiveModels active, CancellationToken ct)
    {
        var outcome = await registry.PromoteAsync(ModelRegistry.Beats, version, user.UserId(), Reason(body, "promoted by an admin"), ct);
        return outcome switch
        {
            ChangeOutcome.NotFound => Problems.NotFound("model version"),
            ChangeOutcome.AlreadyChampion => Problems.Conflict($"version {version} is the champion already"),
            ChangeOutcome.FilesInvalid => Unloadable(version),
            _ => Results.Ok(await ViewAsync(db, active, ct)),
        };
    }

    private static async Task<IResult> Rollback(ModelChangeRequest? body, ClaimsPrincipal user, ModelRegistry registry, AppDb db, ActiveModels active, CancellationToken ct)
    {
        var outcome = await registry.RollbackAsync(ModelRegistry.Beats, user.UserId(), Reason(body, "rolled back by an admin"), ct);
        return outcome switch
        {
            ChangeOutcome.NoPreviousChampion => Problems.Conflict("no earlier champion to roll back to (every earlier one was rolled back, or there is none)"),
            ChangeOutcome.FilesInvalid => Unloadable(null),
            _ => Results.Ok(await ViewAsync(db, active, ct)),
        };
    }

    private static string Reason(ModelChangeRequest? body, string fallback) =>
        body?.Reason?.Trim() is { Length: > 0 } reason ? reason[..Math.Min(reason.Length, 500)] : fallback;

    private static IResult Unloadable(int? version) => Results.Problem(statusCode: 422, title: "model files invalid",
        detail: $"the weights of {(version is null ? "the previous champion" : $"version {version}")} are missing or fail their SHA-256 check; the champion stays");

    private static async Task<ModelRegistryView> ViewAsync(AppDb db, ActiveModels active, CancellationToken ct)
    {
        var versions = await db.ModelVersions.AsNoTracking().Where(m => m.Kind == ModelRegistry.Beats).OrderByDescending(m => m.Version).ToListAsync(ct);
        var events = await db.ModelEvents.AsNoTracking().Where(e => e.Kind == ModelRegistry.Beats).OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Take(100).ToListAsync(ct);
        var emails = await LearningViews.EmailsAsync(db, versions.SelectMany(v => new[] { v.PromotedBy, v.RetiredBy }).Concat(events.Select(e => e.ActorId)), ct);
        var champion = versions.FirstOrDefault(v => v.Status == ModelStatus.Champion)?.Version ?? 0;
        return new ModelRegistryView(ModelRegistry.Beats, champion, active.Analyzer.Name, versions.Select(v => LearningViews.Of(v, emails)).ToList(),
            events.Select(e => LearningViews.Of(e, emails)).ToList());
    }
}
