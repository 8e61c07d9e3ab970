using System.Net;
using System.Text.Json;
using Einthoven.Models.Analysis;
using Einthoven.Server.Accounts;
using Einthoven.Server.ContinuousLearning;
using Einthoven.Server.Tests.Hosting;
using Einthoven.TestSupport;

namespace Einthoven.Server.Tests;

/// <summary>
/// The retraining runner against a fake trainer (<see cref="FakeTrainer"/>): the command line it is given, its low
/// priority, registration and the two decisions, the server's own check of the margin, and a trainer that fails, dies
/// or hangs leaving the champion untouched. The real trainer runs in <c>ContinuousLearningEndToEndTests</c>.
/// </summary>
public sealed class RetrainingRunnerTests : IAsyncLifetime
{
    private readonly FakeTrainer _trainer = FakeTrainer.Create();
    private ServerHost _host = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _host = new ServerHost(Provider.Sqlite, new Dictionary<string, string?>
        {
            ["Einthoven:Retraining:Enabled"] = "false",
            ["Einthoven:Retraining:TrainerCommand"] = _trainer.Script,
            ["Einthoven:Retraining:StandardDatabase"] = TestData.MitDb,
            ["Einthoven:Retraining:Timeout"] = "00:00:05",
            ["Einthoven:Retraining:Epochs"] = "2",
        });
        await _host.CreateUserAsync("runs-admin@test.local", "Admin-Pass-123", Roles.Admin);
        _admin = await _host.SignInAsync("runs-admin@test.local", "Admin-Pass-123");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_better_challenger_is_registered_and_promoted_and_the_analysis_switches()
    {
        var run = await RunAsync();
        Assert.Equal(("Succeeded", "promoted", 0), (run.Str("status"), run.Str("decision"), run.GetProperty("exitCode").GetInt32()));
        Assert.StartsWith("promoted: mean_f1_nsv challenger 0.8000 vs champion 0.7000", run.Str("reason"));
        var metrics = run.GetProperty("metrics");
        Assert.Equal((0.1, 0.04, 4321, 2), (Math.Round(metrics.GetProperty("difference").GetDouble(), 6), metrics.GetProperty("required").GetDouble(),
            metrics.GetProperty("holdoutBeats").GetInt32(), metrics.GetProperty("holdoutRecords").GetInt32()));
        Assert.Equal("trained", run.Str("stderrTail"));

        var registry = await (await _admin.GetAsync("/api/models/beats")).JsonAsync();
        var challenger = run.GetProperty("challengerVersion").GetInt32();
        Assert.Equal(challenger, registry.GetProperty("championVersion").GetInt32());
        Assert.Contains($"-r{challenger}", registry.Str("runningAnalyzer"));
        var version = registry.GetProperty("versions").EnumerateArray().Single(v => v.GetProperty("version").GetInt32() == challenger);
        Assert.Equal((_trainer.ChallengerSha, run.Str("datasetVersionId")), (version.Str("weightsSha256"), version.Str("datasetVersionId")));
        Assert.Equal(0.8, version.GetProperty("metrics").GetProperty("holdout_mean_f1_nsv").GetDouble());
        Assert.Equal(JsonValueKind.Null, version.GetProperty("promotedBy").ValueKind); // the run's own decision, no admin

        // The trainer ran at the lowest priority with the documented command line.
        Assert.Equal(19, _trainer.Nice);
        var args = _trainer.Arguments;
        Assert.Equal(["train", "beats", Path.GetFullPath(TestData.MitDb), "--with-verified"], args[..4]);
        Assert.EndsWith(Path.Combine("datasets", run.Str("datasetVersionId")), args[4]);
        Assert.Equal(string.Join(',', RetrainingOptions.Ds1), args[Array.IndexOf(args, "--standard-records") + 1]);
        Assert.Equal(string.Join(',', RetrainingOptions.DefaultHoldout), args[Array.IndexOf(args, "--holdout-records") + 1]);
        Assert.Equal(("ci", "1", "2"), (args[Array.IndexOf(args, "--margin") + 1], args[Array.IndexOf(args, "--threads") + 1], args[Array.IndexOf(args, "--epochs") + 1]));
        Assert.Empty(Directory.GetDirectories(Path.Combine(_host.DataFolder, "retraining"))); // the run's work folder is gone
        await RollBackToShippedAsync();
    }

    [Theory]
    [InlineData(FakeTrainer.Mode.Reject, "rejected by the trainer")]
    [InlineData(FakeTrainer.Mode.PromoteWithinMargin, "rejected by the server's check: the difference 0.0100 does not exceed the required 0.0300")]
    public async Task A_challenger_that_does_not_win_by_the_margin_is_registered_but_not_promoted(FakeTrainer.Mode mode, string reason)
    {
        var champion = await ChampionAsync();
        _trainer.Use(mode);
        var run = await RunAsync();
        Assert.Equal(("Succeeded", "rejected"), (run.Str("status"), run.Str("decision")));
        Assert.StartsWith(reason, run.Str("reason"));
        Assert.Equal(champion, await ChampionAsync());
        var registry = await (await _admin.GetAsync("/api/models/beats")).JsonAsync();
        Assert.Equal("Challenger", registry.GetProperty("versions").EnumerateArray()
            .Single(v => v.GetProperty("version").GetInt32() == run.GetProperty("challengerVersion").GetInt32()).Str("status"));
    }

    [Theory]
    [InlineData(FakeTrainer.Mode.Fail, "the trainer exited with code 3")]
    [InlineData(FakeTrainer.Mode.Die, "the trainer exited with code 137")]
    [InlineData(FakeTrainer.Mode.Hang, "the trainer ran longer than 00:00:05 and was killed")]
    public async Task A_trainer_that_fails_dies_or_hangs_leaves_the_champion(FakeTrainer.Mode mode, string reason)
    {
        var champion = await ChampionAsync();
        var versions = (await (await _admin.GetAsync("/api/models/beats")).JsonAsync()).GetProperty("versions").GetArrayLength();
        _trainer.Use(mode);
        var run = await RunAsync();
        Assert.Equal("Failed", run.Str("status"));
        Assert.StartsWith(reason, run.Str("reason"));
        Assert.Equal(JsonValueKind.Null, run.GetProperty("decision").ValueKind);
        Assert.Equal(champion, await ChampionAsync());
        Assert.Equal(versions, (await (await _admin.GetAsync("/api/models/beats")).JsonAsync()).GetProperty("versions").GetArrayLength());
        if (mode == FakeTrainer.Mode.Fail) Assert.Contains("error: the trainer broke", run.Str("stderrTail"));
    }

    [Fact]
    public async Task Only_one_run_at_a_time()
    {
        _trainer.Use(FakeTrainer.Mode.Hang);
        var first = await (await _admin.PostAsync("/api/retraining/runs", null)).JsonAsync(HttpStatusCode.Accepted);
        var second = await _admin.PostAsync("/api/retraining/runs", null);
        Assert.Equal(409, (int)second.StatusCode);
        Assert.Contains("a retraining run is going on", await second.Content.ReadAsStringAsync());
        await WaitAsync(first.Id());
    }

    [Fact]
    public async Task A_run_left_running_by_a_stopped_server_is_failed_at_the_next_start()
    {
        var id = Guid.NewGuid();
        await _host.DbAsync(async db =>
        {
            db.RetrainingRuns.Add(new RetrainingRun { Id = id, Trigger = "schedule", StartedAt = DateTime.UtcNow, Status = RunStatus.Running });
            await db.SaveChangesAsync();
            Directory.CreateDirectory(Path.Combine(_host.DataFolder, "retraining", id.ToString("N")));
            await RetrainingRunner.SweepAsync(db, _host.DataFolder, DateTime.UtcNow, CancellationToken.None);
            return 0;
        });
        var run = (await (await _admin.GetAsync("/api/retraining/runs")).JsonAsync()).EnumerateArray().Single(r => r.Id() == id);
        Assert.Equal(("Failed", "the server stopped during the run; the champion was left as it was"), (run.Str("status"), run.Str("reason")));
        Assert.False(Directory.Exists(Path.Combine(_host.DataFolder, "retraining")));
    }

    private async Task<JsonElement> RunAsync()
    {
        var started = await (await _admin.PostAsync("/api/retraining/runs", null)).JsonAsync(HttpStatusCode.Accepted);
        Assert.Equal(("Running", "admin", "runs-admin@test.local"), (started.Str("status"), started.Str("trigger"), started.Str("requestedBy")));
        return await WaitAsync(started.Id());
    }

    private async Task<JsonElement> WaitAsync(Guid id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var run = (await (await _admin.GetAsync("/api/retraining/runs")).JsonAsync()).EnumerateArray().Single(r => r.Id() == id);
            if (run.Str("status") != "Running") return run;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the run is still running");
            await Task.Delay(100);
        }
    }

    private async Task<int> ChampionAsync() => (await (await _admin.GetAsync("/api/models/beats")).JsonAsync()).GetProperty("championVersion").GetInt32();

    private async Task RollBackToShippedAsync()
    {
        (await _admin.PostJsonAsync("/api/models/beats/rollback", new { })).EnsureSuccessStatusCode();
        Assert.Equal(ModelAnalyzer.Shipped.Name, (await (await _admin.GetAsync("/api/models/beats")).JsonAsync()).Str("runningAnalyzer"));
    }
}
