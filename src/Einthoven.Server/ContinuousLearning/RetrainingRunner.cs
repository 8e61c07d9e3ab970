using System.Globalization;
using System.Text.Json;
using Einthoven.Learning.Serialization;
using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Einthoven.Server.ContinuousLearning;

/// <summary>
/// One retraining run at a time: snapshot a dataset version, launch the trainer as a child process at low priority
/// (<see cref="TrainerProcess"/>), read its report, register the challenger and promote it only when the trainer and
/// the server's own check agree (<see cref="PromotionRule"/>). Whatever happens to the trainer (non-zero exit, crash,
/// kill, timeout, a report that does not parse) the run is recorded as failed and the champion is untouched: only
/// this class, after the trainer has ended, changes the registry.
/// </summary>
public sealed class RetrainingRunner(IServiceScopeFactory scopes, IOptions<ServerOptions> options, TimeProvider time, ILogger<RetrainingRunner> log)
    : IHostedService
{
    private readonly SemaphoreSlim _one = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private Task _running = Task.CompletedTask;

    /// <summary>The run in progress in this process (completed when none).</summary>
    public Task Running => _running;

    /// <summary>Records a new run and starts it in the background; null when a run is already going on.</summary>
    public async Task<RetrainingRun?> StartAsync(string trigger, Guid? actor, CancellationToken ct)
    {
        if (!await _one.WaitAsync(0, ct)) return null;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            if (await db.RetrainingRuns.AnyAsync(r => r.Status == RunStatus.Running, ct))
            {
                _one.Release();
                return null;
            }
            var run = new RetrainingRun { Id = Guid.NewGuid(), Trigger = trigger, RequestedBy = actor, StartedAt = time.GetUtcNow().UtcDateTime, Status = RunStatus.Running };
            db.RetrainingRuns.Add(run);
            await db.SaveChangesAsync(ct);
            _running = Task.Run(async () =>
            {
                try { await RunAsync(run.Id, _stopping.Token); }
                finally { _one.Release(); }
            }, CancellationToken.None);
            return run;
        }
        catch
        {
            if (_running.IsCompleted) _one.Release();
            throw;
        }
    }

    /// <summary>At start: runs left "running" by a server that stopped are failed (their trainer is gone or orphaned), and their work folders removed.</summary>
    public static async Task SweepAsync(AppDb db, string dataFolder, DateTime now, CancellationToken ct)
    {
        await db.RetrainingRuns.Where(r => r.Status == RunStatus.Running).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, RunStatus.Failed).SetProperty(r => r.EndedAt, now)
            .SetProperty(r => r.Reason, "the server stopped during the run; the champion was left as it was"), ct);
        var work = Path.Combine(dataFolder, "retraining");
        if (Directory.Exists(work)) Directory.Delete(work, recursive: true);
    }

    /// <summary>The trainer's command line (docs/SERVER.md, "Continuous learning").</summary>
    public static List<string> Arguments(RetrainingOptions o, string standardDatabase, string dataset, string championCard, string outdir)
    {
        var args = new List<string>
        {
            "train", "beats", standardDatabase, "--with-verified", dataset, "--champion", championCard, "-o", outdir,
            "--report", Path.Combine(outdir, "report.json"), "--standard-records", string.Join(',', o.Standard),
            "--holdout-records", string.Join(',', o.Holdout), "--margin", o.Margin, "--threads", o.Threads.ToString(CultureInfo.InvariantCulture),
        };
        if (o.Epochs is { } epochs) args.AddRange(["--epochs", epochs.ToString(CultureInfo.InvariantCulture)]);
        if (o.Ensemble is { } ensemble) args.AddRange(["--ensemble", ensemble.ToString(CultureInfo.InvariantCulture)]);
        if (o.Seed is { } seed) args.AddRange(["--seed", seed.ToString(CultureInfo.InvariantCulture)]);
        return args;
    }

    private async Task RunAsync(Guid runId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var run = await db.RetrainingRuns.SingleAsync(r => r.Id == runId, CancellationToken.None);
        var dataFolder = options.Value.DataFolder;
        var work = Path.Combine(dataFolder, "retraining", runId.ToString("N"));
        try
        {
            await RunStepsAsync(run, scope.ServiceProvider, work, ct);
            run.Status = RunStatus.Succeeded;
        }
        catch (RunFailed e)
        {
            (run.Status, run.Reason) = (RunStatus.Failed, e.Message);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            (run.Status, run.Reason) = (RunStatus.Failed, "the server stopped during the run; the champion was left as it was");
        }
        catch (Exception e)
        {
            log.LogError(e, "retraining run {Run} failed", runId);
            (run.Status, run.Reason) = (RunStatus.Failed, $"the run failed ({e.GetType().Name}); the champion was left as it was");
        }
        finally
        {
            run.EndedAt = time.GetUtcNow().UtcDateTime;
            if (run.StderrTail is not null) run.StderrTail = run.StderrTail.Replace(Path.GetFullPath(dataFolder), "DATAFOLDER");
            await db.SaveChangesAsync(CancellationToken.None);
            try { if (Directory.Exists(work)) Directory.Delete(work, recursive: true); }
            catch (IOException) { } // swept at the next start
        }
        log.LogInformation("retraining run {Run}: {Status}, {Decision}", runId, run.Status, run.Decision ?? "no decision");
    }

    private async Task RunStepsAsync(RetrainingRun run, IServiceProvider services, string work, CancellationToken ct)
    {
        var o = options.Value.Retraining;
        var db = services.GetRequiredService<AppDb>();
        var registry = services.GetRequiredService<ModelRegistry>();
        if (string.IsNullOrWhiteSpace(o.StandardDatabase) || !File.Exists(Path.Combine(o.StandardDatabase, o.Standard.FirstOrDefault() + ".hea")))
            throw new RunFailed("Einthoven:Retraining:StandardDatabase is not set to the MIT-BIH Arrhythmia Database folder (its standard records' .hea files)");
        var trainer = TrainerProcess.Locate(o.TrainerCommand)
                      ?? throw new RunFailed("no trainer: set Einthoven:Retraining:TrainerCommand to einthoven.dll (or build the server, which copies it to trainer/)");
        var (dataset, _) = await services.GetRequiredService<DatasetVersions>().CreateAsync(null, ct);
        var champion = await registry.ChampionAsync(ModelRegistry.Beats, ct) ?? throw new RunFailed("the registry has no champion");
        (run.DatasetVersionId, run.ChampionVersion) = (dataset.Id, champion.Version);
        await db.SaveChangesAsync(ct);

        Directory.CreateDirectory(work);
        var datasets = services.GetRequiredService<DatasetVersions>();
        var args = Arguments(o, Path.GetFullPath(o.StandardDatabase), datasets.Folder(dataset.Id), registry.CardPath(champion), work);
        var outcome = await TrainerProcess.RunAsync(TrainerProcess.StartInfo(trainer, args, work), o.Timeout, log, ct);
        (run.ExitCode, run.StderrTail) = (outcome.ExitCode, outcome.StderrTail);
        if (outcome.Cancelled) throw new OperationCanceledException(ct);
        if (outcome.TimedOut) throw new RunFailed($"the trainer ran longer than {o.Timeout} and was killed; the champion was left as it was");
        if (outcome.ExitCode != 0) throw new RunFailed($"the trainer exited with code {outcome.ExitCode}; the champion was left as it was");

        var reportPath = Path.Combine(work, "report.json");
        if (!File.Exists(reportPath)) throw new RunFailed("the trainer wrote no report.json; the champion was left as it was");
        var text = await File.ReadAllTextAsync(reportPath, ct);
        TrainingReport report;
        try { report = TrainingReport.Parse(text); }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            throw new RunFailed($"report.json cannot be read: {e.Message}; the champion was left as it was");
        }
        run.MetricsJson = text;

        var card = report.ChallengerCard is { } named && File.Exists(Path.Combine(work, Path.GetFileName(named)))
            ? Path.Combine(work, Path.GetFileName(named)) : Path.Combine(work, "beats.card.json");
        RegisteredModel challenger;
        try { challenger = await registry.RegisterAsync(ModelRegistry.Beats, card, dataset.Id, JsonSerializer.Serialize(report.ChallengerMetrics()), run.Id, ct); }
        catch (ModelFormatException e)
        {
            throw new RunFailed($"the challenger's files cannot be registered ({e.Field}: {e.Reason}); the champion was left as it was");
        }
        run.ChallengerVersion = challenger.Version;
        var (promote, reason) = string.Equals(challenger.WeightsSha256, report.ChallengerSha256, StringComparison.OrdinalIgnoreCase)
            ? PromotionRule.Decide(report, champion.WeightsSha256, o.Margin)
            : (false, "rejected: the report's challenger hash is not that of the weights the trainer wrote");
        if (promote && await registry.PromoteAsync(ModelRegistry.Beats, challenger.Version, null, reason, ct) is var changed && changed != ChangeOutcome.Done)
            (promote, reason) = (false, $"rejected: the promotion did not happen ({changed}); {reason}");
        (run.Decision, run.Reason) = (promote ? "promoted" : "rejected", reason);
    }

    Task IHostedService.StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>At shutdown: the trainer is killed and the run recorded as failed before the process ends.</summary>
    async Task IHostedService.StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _running.WaitAsync(cancellationToken).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    private sealed class RunFailed(string reason) : Exception(reason);
}
