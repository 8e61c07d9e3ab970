using Einthoven.Signal.Formats;
using System.Net;
using Einthoven.Server.Analysis;
using Einthoven.Server.Recordings;
using Einthoven.Server.Storage;
using Einthoven.Server.Tests.Hosting;
using Einthoven.Signal.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Einthoven.Server.Tests;

/// <summary>The persisted analysis queue: results, retries, crash recovery by lease expiry, and lease renewal.</summary>
public abstract class AnalysisJobTests(ServerFixture fixture)
{
    [ProviderFact]
    public async Task An_upload_is_analysed_with_classified_beats_a_rhythm_verdict_and_a_disclaimer()
    {
        var analysis = await fixture.World.WaitForAnalysisAsync(fixture.World.Recording);
        Assert.Equal("Succeeded", analysis.GetProperty("job").Str("state"));
        Assert.Equal(1.0, analysis.GetProperty("job").GetProperty("progress").GetDouble());
        var beats = analysis.GetProperty("beatCounts").EnumerateObject().Sum(p => p.Value.GetInt32());
        Assert.InRange(beats, 50, 75); // a 60 s synthetic record at 60 bpm
        Assert.Subset(new HashSet<string> { "N", "S", "V", "F", "Q" }, analysis.GetProperty("beatCounts").EnumerateObject().Select(p => p.Name).ToHashSet());
        var rhythm = analysis.GetProperty("summary").GetProperty("rhythm");
        Assert.Contains(rhythm.Str("label"), new[] { "N", "A", "O", "~" });
        Assert.Equal(4, rhythm.GetProperty("probabilities").EnumerateObject().Count());
        Assert.Contains("einthoven-rhythm", analysis.Str("analyzer"));
        Assert.Contains("not a certified medical device", analysis.Str("disclaimer"));
    }

    [ProviderFact]
    public async Task A_failed_attempt_is_retried_and_then_succeeds()
    {
        var analyzer = new ScriptedAnalyzer((call, record, _, _) =>
            call == 1 ? throw new InvalidOperationException("first attempt fails") : ScriptedAnalyzer.OneBeatPerSecond(record));
        await using var host = new ServerHost(fixture.Provider, services: analyzer.Install);
        var (client, id) = await UploadAsync(host);
        var analysis = await WaitAsync(client, id);
        Assert.Equal("Succeeded", analysis.GetProperty("job").Str("state"));
        Assert.Equal(2, analysis.GetProperty("job").GetProperty("attempts").GetInt32());
        Assert.Equal(10, analysis.GetProperty("beatCounts").GetProperty("N").GetInt32());
    }

    [ProviderFact]
    public async Task A_job_that_always_fails_ends_failed_and_the_recording_stays()
    {
        var analyzer = new ScriptedAnalyzer((_, _, _, _) => throw new InvalidOperationException("analyzer broken"));
        await using var host = new ServerHost(fixture.Provider, new Dictionary<string, string?> { ["Einthoven:Analysis:MaxAttempts"] = "2" }, analyzer.Install);
        var (client, id) = await UploadAsync(host);
        var job = (await WaitAsync(client, id)).GetProperty("job");
        Assert.Equal("Failed", job.Str("state"));
        Assert.Equal(2, job.GetProperty("attempts").GetInt32());
        Assert.Contains("analyzer broken", job.Str("error"));
        Assert.Equal(2, analyzer.Calls);
        await (await client.GetAsync($"/api/recordings/{id}/window?points=100")).JsonAsync();
    }

    [ProviderFact]
    public async Task An_analysis_that_runs_out_of_memory_fails_at_once_instead_of_being_retried()
    {
        var analyzer = new ScriptedAnalyzer((_, _, _, _) => throw new OutOfMemoryException("Array dimensions exceeded supported range."));
        await using var host = new ServerHost(fixture.Provider, services: analyzer.Install);
        var (client, id) = await UploadAsync(host);
        var job = (await WaitAsync(client, id)).GetProperty("job");
        Assert.Equal(("Failed", 1), (job.Str("state"), job.GetProperty("attempts").GetInt32()));
        Assert.Equal("the analysis ran out of memory; it is not retried", job.Str("error"));
        Assert.Equal(1, analyzer.Calls);
    }

    [ProviderFact]
    public async Task A_recording_over_the_analysis_limits_fails_at_once_saying_why_and_is_never_analysed()
    {
        var analyzer = new ScriptedAnalyzer((_, reader, _, _) => ScriptedAnalyzer.OneBeatPerSecond(reader));
        await using var host = new ServerHost(fixture.Provider, new Dictionary<string, string?>
        {
            ["Einthoven:Limits:MaxTotalSamples"] = "5000", ["Einthoven:Analysis:RunWorker"] = "false",
        }, analyzer.Install);
        var client = await host.NewPatientAsync("p@jobs.local");
        var patient = (await (await client.GetAsync("/api/me")).JsonAsync()).Id();
        // Stored before the limits were lowered: straight through the importer, as an upload under the old limits was.
        await using var scope = host.Services.CreateAsyncScope();
        var (recording, _) = await scope.ServiceProvider.GetRequiredService<RecordingImporter>()
            .ImportAsync(patient, new InMemoryReader(TestRecords.Synthetic("job", seconds: 10, seed: 41)), "wfdb", "job.hea", CancellationToken.None);
        Assert.True(await host.Services.GetRequiredService<AnalysisWorker>().RunOneAsync(CancellationToken.None));
        var job = (await (await client.GetAsync($"/api/recordings/{recording.Id}/analysis")).JsonAsync()).GetProperty("job");
        Assert.Equal(("Failed", 1), (job.Str("state"), job.GetProperty("attempts").GetInt32()));
        Assert.Equal("not analysed: length: 3,600 samples x 2 leads = 7,200 samples (at most 5,000 in all)", job.Str("error"));
        Assert.Equal(0, analyzer.Calls);
    }

    [ProviderFact]
    public async Task A_job_whose_worker_died_is_taken_over_when_its_lease_expires()
    {
        var analyzer = new ScriptedAnalyzer((_, record, _, _) => ScriptedAnalyzer.OneBeatPerSecond(record));
        await using var host = new ServerHost(fixture.Provider, new Dictionary<string, string?> { ["Einthoven:Analysis:RunWorker"] = "false" }, analyzer.Install);
        var (client, id) = await UploadAsync(host);
        var worker = host.Services.GetRequiredService<AnalysisWorker>();

        await SetLeaseAsync(host, id, DateTime.UtcNow.AddMinutes(5)); // a live worker holds it
        Assert.False(await worker.RunOneAsync(CancellationToken.None));
        await SetLeaseAsync(host, id, DateTime.UtcNow.AddSeconds(-1)); // that worker crashed
        Assert.True(await worker.RunOneAsync(CancellationToken.None));

        var job = (await (await client.GetAsync($"/api/recordings/{id}/analysis")).JsonAsync()).GetProperty("job");
        Assert.Equal("Succeeded", job.Str("state"));
        Assert.Equal(2, job.GetProperty("attempts").GetInt32());
    }

    [ProviderFact]
    public async Task A_running_job_renews_its_lease_reports_progress_and_is_not_taken_over()
    {
        using var release = new ManualResetEventSlim();
        var analyzer = new ScriptedAnalyzer((_, record, progress, ct) =>
        {
            progress.Report(0.5);
            release.Wait(TimeSpan.FromSeconds(30), ct);
            return ScriptedAnalyzer.OneBeatPerSecond(record);
        });
        await using var host = new ServerHost(fixture.Provider, new Dictionary<string, string?> { ["Einthoven:Analysis:Lease"] = "00:00:00.600" }, analyzer.Install);
        var (client, id) = await UploadAsync(host);

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await (await client.GetAsync($"/api/recordings/{id}/analysis")).JsonAsync()).GetProperty("job").GetProperty("progress").GetDouble() < 0.5)
        {
            Assert.True(DateTime.UtcNow < deadline, "progress 0.5 never reported");
            await Task.Delay(50);
        }
        await Task.Delay(1500); // more than two leases: only renewals keep the job
        var rival = ActivatorUtilities.CreateInstance<AnalysisWorker>(host.Services);
        Assert.False(await rival.RunOneAsync(CancellationToken.None));
        release.Set();
        var job = (await WaitAsync(client, id)).GetProperty("job");
        Assert.Equal("Succeeded", job.Str("state"));
        Assert.Equal(1, job.GetProperty("attempts").GetInt32());
        Assert.Equal(1, analyzer.Calls);
    }

    [ProviderFact]
    public async Task Beat_counts_come_from_the_stored_analysis_even_while_the_viewer_cache_holds_an_older_one()
    {
        var analyzer = new ScriptedAnalyzer((_, record, _, _) => ScriptedAnalyzer.OneBeatPerSecond(record));
        await using var host = new ServerHost(fixture.Provider, services: analyzer.Install);
        var (client, id) = await UploadAsync(host);
        Assert.Equal(10, (await WaitAsync(client, id)).GetProperty("beatCounts").GetProperty("N").GetInt32());
        await (await client.GetAsync($"/api/recordings/{id}/window?points=100")).JsonAsync(); // the viewer caches the annotation sets
        // A newer analysis committed, whose cache eviction has not run yet (the writer forgets the cache after its commit).
        var newer = Enumerable.Range(0, 4).Select(s => Annotation.FromSymbol(100 + 250 * s, "V")).ToList();
        await host.DbAsync(db => db.AnnotationSets.Where(a => a.RecordingId == id && a.Annotator == RecordingLoader.AnalysisAnnotator)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.Data, AnnotationSetCodec.Encode(newer)).SetProperty(a => a.Count, newer.Count)));
        var counts = (await (await client.GetAsync($"/api/recordings/{id}/analysis")).JsonAsync()).GetProperty("beatCounts");
        Assert.Equal([("V", 4)], counts.EnumerateObject().Select(p => (p.Name, p.Value.GetInt32())));
    }

    private static Task SetLeaseAsync(ServerHost host, Guid recording, DateTime expires) => host.DbAsync(db =>
        db.AnalysisJobs.Where(j => j.RecordingId == recording).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.State, JobState.Running).SetProperty(j => j.LeaseOwner, "crashed-worker")
            .SetProperty(j => j.LeaseExpiresAt, expires).SetProperty(j => j.Attempts, 1)));

    private static async Task<(HttpClient, Guid)> UploadAsync(ServerHost host)
    {
        var client = await host.NewPatientAsync("p@jobs.local");
        var files = TestRecords.WfdbFiles(TestRecords.Synthetic("job", seconds: 10, seed: 41));
        var created = await (await client.UploadAsync(files)).JsonAsync(HttpStatusCode.Created);
        return (client, created.GetProperty("recording").Id());
    }

    private static async Task<System.Text.Json.JsonElement> WaitAsync(HttpClient client, Guid id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var analysis = await (await client.GetAsync($"/api/recordings/{id}/analysis")).JsonAsync();
            if (analysis.GetProperty("job").Str("state") is "Succeeded" or "Failed") return analysis;
            Assert.True(DateTime.UtcNow < deadline, $"job still {analysis.GetProperty("job").Str("state")}");
            await Task.Delay(50);
        }
    }
}

[Collection("sqlite")]
public sealed class SqliteAnalysisJobTests(SqliteFixture fixture) : AnalysisJobTests(fixture);

[Collection("postgres"), UsesPostgres]
public sealed class PostgresAnalysisJobTests(PostgresFixture fixture) : AnalysisJobTests(fixture);
