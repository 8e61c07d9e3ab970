using System.Text.Json;
using Einthoven.Learning.Serialization;
using Einthoven.Models.Beats;
using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.ContinuousLearning;

public enum ChangeOutcome { Done, NotFound, AlreadyChampion, NoPreviousChampion, FilesInvalid }

/// <summary>
/// The model registry: registers versions, promotes one to champion, rolls back to the previous champion, and keeps
/// <see cref="ActiveModels"/> on the champion. Every change is written with who made it and why (<see cref="ModelEvent"/>).
/// </summary>
public sealed class ModelRegistry(AppDb db, ActiveModels active, ModelFiles files, TimeProvider time, ILogger<ModelRegistry> log)
{
    public const string Beats = "beats";

    /// <summary>
    /// At start: registers the shipped beat model as version 1, champion, on an empty registry, then loads the champion.
    /// A champion whose files fail their hash check is not served: the shipped model runs instead, and the log says so.
    /// </summary>
    public async Task BootstrapAsync(CancellationToken ct)
    {
        if (!await db.ModelVersions.AnyAsync(m => m.Kind == Beats, ct))
        {
            var (card, _) = files.Import(Beats, BeatClassifier.ShippedCardPath);
            var now = time.GetUtcNow().UtcDateTime;
            db.ModelVersions.Add(new RegisteredModel
            {
                Id = Guid.NewGuid(), Kind = Beats, Version = 1, WeightsSha256 = card.WeightsSha256.ToLowerInvariant(),
                CardJson = File.ReadAllText(BeatClassifier.ShippedCardPath), MetricsJson = JsonSerializer.Serialize(card.Metrics),
                Status = ModelStatus.Champion, CreatedAt = now, PromotedAt = now,
            });
            db.ModelEvents.Add(new ModelEvent { Kind = Beats, Action = "registered", Version = 1, At = now, Reason = "the shipped model" });
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException) { db.ChangeTracker.Clear(); } // another server process registered it first
        }
        var champion = await db.ModelVersions.AsNoTracking().SingleAsync(m => m.Kind == Beats && m.Status == ModelStatus.Champion, ct);
        try { active.Use(champion.Version, champion.WeightsSha256, Load(champion)); }
        catch (ModelFormatException e)
        {
            log.LogError("beat model version {Version} cannot be loaded ({Field}: {Reason}); the shipped model runs until it is fixed or another version is promoted",
                champion.Version, e.Field, e.Reason);
        }
    }

    public Task<List<RegisteredModel>> ListAsync(string kind, CancellationToken ct) =>
        db.ModelVersions.AsNoTracking().Where(m => m.Kind == kind).OrderByDescending(m => m.Version).ToListAsync(ct);

    public Task<RegisteredModel?> ChampionAsync(string kind, CancellationToken ct) =>
        db.ModelVersions.AsNoTracking().SingleOrDefaultAsync(m => m.Kind == kind && m.Status == ModelStatus.Champion, ct);

    /// <summary>The card path of a stored version.</summary>
    public string CardPath(RegisteredModel model) => files.CardPath(model.Kind, model.WeightsSha256);

    /// <summary>Stores the card's files and registers them as the next version, a challenger (an existing version with the same weights is returned as it is).</summary>
    public async Task<RegisteredModel> RegisterAsync(string kind, string cardPath, string? datasetVersionId, string metricsJson, Guid? runId, CancellationToken ct)
    {
        var (card, stored) = files.Import(kind, cardPath);
        var sha = card.WeightsSha256.ToLowerInvariant();
        if (await db.ModelVersions.AsNoTracking().FirstOrDefaultAsync(m => m.Kind == kind && m.WeightsSha256 == sha, ct) is { } known) return known;
        var now = time.GetUtcNow().UtcDateTime;
        var version = (await db.ModelVersions.Where(m => m.Kind == kind).MaxAsync(m => (int?)m.Version, ct) ?? 0) + 1;
        var model = new RegisteredModel
        {
            Id = Guid.NewGuid(), Kind = kind, Version = version, WeightsSha256 = sha, CardJson = File.ReadAllText(stored),
            DatasetVersionId = datasetVersionId, MetricsJson = metricsJson, Status = ModelStatus.Challenger, CreatedAt = now, RunId = runId,
        };
        db.ModelVersions.Add(model);
        db.ModelEvents.Add(new ModelEvent { Kind = kind, Action = "registered", Version = version, At = now, Reason = runId is null ? "registered" : $"trained by run {runId}" });
        await db.SaveChangesAsync(ct);
        return model;
    }

    /// <summary>Makes <paramref name="version"/> the champion; the analysis switches to it at once.</summary>
    public Task<ChangeOutcome> PromoteAsync(string kind, int version, Guid? actor, string reason, CancellationToken ct) =>
        ChangeAsync(kind, actor, "promoted", reason, ct, async champion =>
        {
            var target = await db.ModelVersions.SingleOrDefaultAsync(m => m.Kind == kind && m.Version == version, ct);
            if (target is null) return (null, ChangeOutcome.NotFound);
            return (target, target.Status == ModelStatus.Champion ? ChangeOutcome.AlreadyChampion : ChangeOutcome.Done);
        });

    /// <summary>
    /// Back to the previous champion in one action: the most recently retired version that had been champion and was
    /// not itself rolled back. The current champion is marked rolled back, so a second rollback goes one further back.
    /// </summary>
    public Task<ChangeOutcome> RollbackAsync(string kind, Guid? actor, string reason, CancellationToken ct) =>
        ChangeAsync(kind, actor, "rolled-back", reason, ct, async champion =>
        {
            var target = await db.ModelVersions
                .Where(m => m.Kind == kind && m.Status == ModelStatus.Retired && m.PromotedAt != null && m.RolledBackAt == null && m.Id != champion.Id)
                .OrderByDescending(m => m.RetiredAt).ThenByDescending(m => m.Version).FirstOrDefaultAsync(ct);
            return (target, target is null ? ChangeOutcome.NoPreviousChampion : ChangeOutcome.Done);
        });

    private async Task<ChangeOutcome> ChangeAsync(string kind, Guid? actor, string action, string reason, CancellationToken ct,
        Func<RegisteredModel, Task<(RegisteredModel? Target, ChangeOutcome Outcome)>> choose)
    {
        await active.Gate.WaitAsync(ct);
        try
        {
            var champion = await db.ModelVersions.SingleAsync(m => m.Kind == kind && m.Status == ModelStatus.Champion, ct);
            var (target, outcome) = await choose(champion);
            if (outcome != ChangeOutcome.Done || target is null) return outcome;
            Einthoven.Models.Analysis.ModelAnalyzer analyzer;
            try { analyzer = active.Load(target.Version, target.WeightsSha256, CardPath(target)); }
            catch (ModelFormatException e)
            {
                log.LogError("beat model version {Version} cannot be loaded ({Field}: {Reason}); the champion stays", target.Version, e.Field, e.Reason);
                return ChangeOutcome.FilesInvalid;
            }
            var now = time.GetUtcNow().UtcDateTime;
            champion.Status = ModelStatus.Retired;
            champion.RetiredAt = now;
            champion.RetiredBy = actor;
            if (action == "rolled-back") champion.RolledBackAt = now;
            target.Status = ModelStatus.Champion;
            target.PromotedAt = now;
            target.PromotedBy = actor;
            target.RolledBackAt = null;
            db.ModelEvents.Add(new ModelEvent { Kind = kind, Action = action, Version = target.Version, PreviousChampion = champion.Version, ActorId = actor, At = now, Reason = reason });
            await db.SaveChangesAsync(ct);
            active.Use(target.Version, target.WeightsSha256, analyzer);
            log.LogInformation("beat model version {Version} is the champion ({Action}; was {Previous})", target.Version, action, champion.Version);
            return ChangeOutcome.Done;
        }
        finally
        {
            active.Gate.Release();
        }
    }

    private Einthoven.Models.Analysis.ModelAnalyzer Load(RegisteredModel model) => active.Load(model.Version, model.WeightsSha256, CardPath(model));
}
