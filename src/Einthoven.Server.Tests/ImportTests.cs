using System.Net;
using Einthoven.Server.Recordings;
using Einthoven.Server.Storage;
using Einthoven.Server.Tests.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Einthoven.Server.Tests;

/// <summary>
/// A long import writes in short batches under a hidden recording: other users' writes go on meanwhile, nobody sees
/// the half-written recording, a failure leaves nothing, and the start-up sweep removes what a killed server left.
/// </summary>
public abstract class ImportTests(ServerFixture fixture)
{
    private World W => fixture.World;
    private ServerHost Host => fixture.Host;
    // Several save batches of chunks before the pause, and more after it.
    private const long Samples = 40L * SampleStore.ChunkSize;
    private const long PauseAt = 36L * SampleStore.ChunkSize;

    [ProviderFact]
    public async Task Another_users_write_completes_while_a_long_import_is_half_written_and_the_import_stays_hidden()
    {
        var uploader = W.Actors[Who.OtherPatient];
        using var reader = new GatedReader("gated", Samples, PauseAt);
        await using var scope = Host.Services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<RecordingImporter>();
        var import = Task.Run(() => importer.ImportAsync(uploader.Id, reader, "wfdb", "gated.hea", CancellationToken.None));
        await reader.Paused.WaitAsync(TimeSpan.FromMinutes(2));

        var listed = await (await uploader.Client.GetAsync("/api/recordings")).JsonAsync();
        Assert.DoesNotContain(listed.EnumerateArray(), r => r.Str("name") == "gated");
        var hidden = Assert.Single(await Host.DbAsync(db => NamedAsync(db, "gated")));
        Assert.Equal(HttpStatusCode.NotFound, (await uploader.Client.GetAsync($"/api/recordings/{hidden.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await uploader.Client.GetAsync($"/api/recordings/{hidden.Id}/window?from=0&to=1&points=10")).StatusCode);

        // Another patient's write, while the import is stopped half-way. With the import in one transaction, SQLite's
        // single writer lock made it wait for the whole import; the delay only keeps a failing run from hanging.
        var key = W.Owner.Client.PostJsonAsync("/api/access-keys", new { label = "during an import" });
        var keyFirst = await Task.WhenAny(key, Task.Delay(TimeSpan.FromSeconds(30))) == key;
        reader.Release();
        var (recording, _) = await import;
        Assert.True(keyFirst, "the access key was created only after the import released the database");
        await (await key).JsonAsync(HttpStatusCode.Created);

        var stored = await Host.DbAsync(db => db.SampleChunks.CountAsync(c => c.RecordingId == recording.Id));
        Assert.Equal(2 * 40, stored);
        Assert.Equal(HttpStatusCode.OK, (await uploader.Client.GetAsync($"/api/recordings/{recording.Id}")).StatusCode);
        await uploader.Client.DeleteAsync($"/api/recordings/{recording.Id}");
    }

    [ProviderFact]
    public async Task An_import_that_fails_half_way_leaves_no_rows_behind()
    {
        var before = await OrphanCountsAsync();
        using var reader = new GatedReader("fails", Samples, PauseAt, failAtPause: true);
        await using var scope = Host.Services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<RecordingImporter>();
        await Assert.ThrowsAsync<Einthoven.Signal.Records.SignalFormatException>(() =>
            importer.ImportAsync(W.Actors[Who.OtherPatient].Id, reader, "wfdb", "fails.hea", CancellationToken.None));
        Assert.Equal(before, await OrphanCountsAsync());
        Assert.Empty(await Host.DbAsync(db => NamedAsync(db, "fails")));
    }

    [ProviderFact]
    public async Task The_start_up_sweep_removes_recordings_left_importing_by_a_stopped_server()
    {
        var id = Guid.NewGuid();
        var patient = W.Actors[Who.OtherPatient].Id;
        await Host.DbAsync(async db =>
        {
            db.Recordings.Add(new Recording { Id = id, PatientId = patient, Name = "killed", OriginalFormat = "wfdb", InfoJson = "{}", Importing = true });
            db.SampleChunks.Add(new SampleChunk { RecordingId = id, Lead = 0, Index = 0, FirstSample = 0, Count = 1, Data = [0] });
            return await db.SaveChangesAsync();
        });
        Assert.Equal(1, await Host.DbAsync(db => RecordingImporter.SweepAsync(db, CancellationToken.None)));
        Assert.Equal(0, await Host.DbAsync(db => db.SampleChunks.CountAsync(c => c.RecordingId == id)));
        Assert.False(await Host.DbAsync(db => db.Recordings.IgnoreQueryFilters().AnyAsync(r => r.Id == id)));
    }

    // Names are encrypted at rest (docs/SECURITY.md): compare after reading.
    private static async Task<List<Recording>> NamedAsync(AppDb db, string name) =>
        (await db.Recordings.IgnoreQueryFilters().ToListAsync()).Where(r => r.Name == name).ToList();

    // Counts of what only uploads write (the analysis worker may add annotation sets to other recordings meanwhile).
    private Task<(int, int, int, int)> OrphanCountsAsync() => Host.DbAsync(async db => (
        await db.Recordings.IgnoreQueryFilters().CountAsync(), await db.SampleChunks.CountAsync(), await db.LeadEnvelopes.CountAsync(),
        await db.AnalysisJobs.CountAsync()));
}

[Collection("sqlite")]
public sealed class SqliteImportTests(SqliteFixture fixture) : ImportTests(fixture);

[Collection("postgres"), UsesPostgres]
public sealed class PostgresImportTests(PostgresFixture fixture) : ImportTests(fixture);
