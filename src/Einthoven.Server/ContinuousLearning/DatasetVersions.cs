using Einthoven.Models.Verified;
using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Einthoven.Server.ContinuousLearning;

/// <summary>
/// Makes dataset versions: reads the inputs (<see cref="DatasetInputs"/>), computes the content address
/// (<see cref="DatasetIdentity"/>) and, for a new one, materialises its folder in <c>DATAFOLDER/datasets/ID/</c>
/// (written beside it and moved into place, so a folder is complete or absent) and records it. The same inputs give
/// the version that exists already. The folder is written by the models' <see cref="VerifiedDatasetWriter"/> (format
/// einthoven-verified-beats/1, what the trainer reads), each recording streamed from its stored chunks
/// (<see cref="StoredRecordingReader"/>) under its de-identified description (<see cref="DeidentifiedReader"/>).
/// </summary>
public sealed class DatasetVersions(AppDb db, DatasetInputs inputs, IServiceScopeFactory scopes, IOptions<ServerOptions> options, TimeProvider time,
    ILogger<DatasetVersions> log)
{
    private static readonly SemaphoreSlim Writing = new(1, 1);

    public string Folder(string id) => Path.Combine(options.Value.DataFolder, "datasets", id);

    /// <summary>The standard training set as the id includes it: "mitdb DS1: 101 106 ..." (other MIT-BIH records: "mitdb records: 112 115 116").</summary>
    public string Standard => options.Value.Retraining.Standard is var records && records.SequenceEqual(RetrainingOptions.Ds1)
        ? $"mitdb DS1: {string.Join(' ', records)}" : $"mitdb records: {string.Join(' ', records)}";

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

    private async Task WriteFolderAsync(string id, DateTime created, IReadOnlyList<DatasetInput> dataset, CancellationToken ct)
    {
        var folder = Folder(id);
        var staging = folder + ".writing-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            // Synchronous reads of the stored chunks, on a context and a thread of their own (as downloads do).
            await Task.Factory.StartNew(() =>
            {
                using var scope = scopes.CreateScope();
                var reading = scope.ServiceProvider.GetRequiredService<AppDb>();
                var recordings = dataset.OrderBy(r => r.RecordName, StringComparer.Ordinal).Select(r => new VerifiedRecording(r.RecordName, r.Group, r.Holdout,
                    () => new DeidentifiedReader(new StoredRecordingReader(reading, reading.Recordings.AsNoTracking().Single(x => x.Id == r.RecordingId), withAnalysis: false), r.RecordName),
                    r.Beats, r.AiBeats) { Disagreements = r.Disagreements }).ToList();
                VerifiedDatasetWriter.Write(staging, recordings, DateOnly.FromDateTime(created), id, Standard, ReadmeNotes);
            }, ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true); // a folder without its row: an interrupted earlier attempt
            Directory.Move(staging, folder);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>What the README adds about where the records come from and how they were de-identified.</summary>
    private const string ReadmeNotes = """
        ## De-identification
        Recordings verified by cardiologists on an Einthoven server. The id is the content address (SHA-256) of the
        version's inputs. Record names and patient groups are keyed pseudonyms. Headers carry no date, time, name,
        identifier or note: only the calibration, standard lead names, the age in a ten-year band (90 and over as 90+)
        and the sex. Annotations carry no text.

        Einthoven is a decision-support and research tool, not a certified medical device.
        """;
}
