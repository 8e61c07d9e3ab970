using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Einthoven.Server.ContinuousLearning;

/// <summary>
/// Makes dataset versions: reads the inputs (<see cref="DatasetInputs"/>), computes the content address
/// (<see cref="DatasetIdentity"/>) and, for a new one, materialises its folder in <c>DATAFOLDER/datasets/ID/</c>
/// (written beside it and moved into place, so a folder is complete or absent) and records it. The same inputs give
/// the version that exists already.
/// </summary>
public sealed class DatasetVersions(AppDb db, DatasetInputs inputs, IServiceScopeFactory scopes, IOptions<ServerOptions> options, TimeProvider time,
    ILogger<DatasetVersions> log)
{
    private static readonly SemaphoreSlim Writing = new(1, 1);

    public string Folder(string id) => Path.Combine(options.Value.DataFolder, "datasets", id);

    /// <summary>The standard training set as the id includes it: "mitdb DS1: 101 106 ...".</summary>
    public string Standard => $"mitdb DS1: {string.Join(' ', options.Value.Retraining.StandardRecords)}";

    public async Task<(DatasetVersion Version, bool Created)> CreateAsync(Guid? actor, CancellationToken ct)
    {
        var recordings = await inputs.ReadAsync(options.Value.Retraining.HoldoutFraction, ct);
        var id = DatasetIdentity.Id(Standard, recordings);
        await Writing.WaitAsync(ct);
        try
        {
            if (await db.DatasetVersions.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, ct) is { } known && Directory.Exists(Folder(id)))
                return (known, false);
            var created = time.GetUtcNow().UtcDateTime;
            created = created.AddTicks(-(created.Ticks % TimeSpan.TicksPerSecond));
            await WriteFolderAsync(id, created, recordings, ct);
            var version = await db.DatasetVersions.SingleOrDefaultAsync(d => d.Id == id, ct);
            var isNew = version is null;
            version ??= new DatasetVersion { Id = id, CreatedAt = created, CreatedBy = actor, Standard = Standard };
            version.Recordings = recordings.Count;
            version.Patients = recordings.Select(r => r.PatientId).Distinct().Count();
            version.HoldoutRecordings = recordings.Count(r => r.Holdout);
            version.Beats = recordings.Sum(r => r.Beats.Count);
            version.HoldoutBeats = recordings.Where(r => r.Holdout).Sum(r => r.Beats.Count);
            version.Disagreements = recordings.Sum(r => r.Disagreements);
            version.VerificationSets = recordings.Sum(r => r.Sets.Count);
            if (isNew)
            {
                db.DatasetVersions.Add(version);
                db.DatasetRecordings.AddRange(recordings.Select(r => new DatasetRecording
                {
                    DatasetVersionId = id, RecordName = r.RecordName, RecordingId = r.RecordingId, PatientId = r.PatientId, Holdout = r.Holdout, Beats = r.Beats.Count,
                }));
            }
            await db.SaveChangesAsync(ct);
            log.LogInformation("dataset version {Id} made: {Recordings} recordings, {Beats} beats", id[..12], version.Recordings, version.Beats);
            return (version, isNew);
        }
        finally
        {
            Writing.Release();
        }
    }

    private async Task WriteFolderAsync(string id, DateTime created, IReadOnlyList<VerifiedRecording> recordings, CancellationToken ct)
    {
        var folder = Folder(id);
        var staging = folder + ".writing-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            // Synchronous reads of the stored chunks, on a context and a thread of their own (as downloads do).
            await Task.Factory.StartNew(() =>
            {
                using var scope = scopes.CreateScope();
                DatasetFolderWriter.Write(staging, id, created, Standard, recordings, scope.ServiceProvider.GetRequiredService<AppDb>());
            }, ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true); // a folder without its row: an interrupted earlier attempt
            Directory.Move(staging, folder);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }
}
