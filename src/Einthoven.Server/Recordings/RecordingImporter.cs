using Microsoft.EntityFrameworkCore;
using System.Text.Json;
using Einthoven.Server.Analysis;
using Einthoven.Server.Storage;
using Einthoven.Signal.Formats;

namespace Einthoven.Server.Recordings;

/// <summary>
/// Stores a record for a patient: its description, compressed samples, annotation sets and the analysis job. The
/// samples are written in short batches under a recording marked <see cref="Recording.Importing"/>, which no query
/// sees, so that other users' writes go on meanwhile; one last transaction adds the annotation sets and the job and
/// makes the recording visible. A failed import deletes what it wrote: either all of it is there afterwards or none.
/// </summary>
public sealed class RecordingImporter(AppDb db, JobQueue jobs, TimeProvider time)
{
    /// <param name="attach">Adds to the new recording before anything is written (e.g. the photo it was digitised
    /// from, with <see cref="Recording.DigitizedJson"/>); what it adds to the context is written, and deleted, with it.</param>
    public async Task<(Recording Recording, AnalysisJob Job)> ImportAsync(
        Guid patientId, ISignalReader reader, string format, string fileName, CancellationToken ct, Action<AppDb, Recording>? attach = null)
    {
        var info = reader.Info;
        var now = time.GetUtcNow().UtcDateTime;
        var recording = new Recording
        {
            Id = Guid.NewGuid(),
            PatientId = patientId,
            Name = info.Name,
            RecordedAt = info.Start is { } start ? DateTime.SpecifyKind(start, DateTimeKind.Utc) : now,
            UploadedAt = now,
            OriginalFormat = format,
            OriginalFileName = fileName,
            SamplingFrequency = info.SamplingFrequency,
            SampleCount = info.SampleCount,
            LeadCount = info.Leads.Count,
            InfoJson = JsonSerializer.Serialize(info, RecordInfoJson.Options),
            Importing = true,
        };
        try
        {
            db.Recordings.Add(recording);
            attach?.Invoke(db, recording);
            await db.SaveChangesAsync(ct);
            recording.StoredBytes = await SampleStore.WriteAsync(db, recording.Id, reader, ct);
            foreach (var annotator in reader.Annotators)
            {
                var list = reader.ReadAnnotations(annotator);
                db.AnnotationSets.Add(new AnnotationSet { RecordingId = recording.Id, Annotator = annotator, Count = list.Count, Data = AnnotationSetCodec.Encode(list) });
            }
            recording.Importing = false;
            db.Recordings.Update(recording);
            var job = jobs.Enqueue(recording.Id);
            await db.SaveChangesAsync(ct); // one transaction: visible together with its annotations and its job
            db.ChangeTracker.Clear();
            jobs.Wake();
            return (recording, job);
        }
        catch
        {
            db.ChangeTracker.Clear();
            await DeleteAsync(db, recording.Id);
            throw;
        }
    }

    /// <summary>Removes recordings left importing by a server that stopped mid-upload (run at start).</summary>
    public static Task<int> SweepAsync(AppDb db, CancellationToken ct) =>
        db.Recordings.IgnoreQueryFilters().Where(r => r.Importing).ExecuteDeleteAsync(ct);

    // Not cancellable: a cancelled upload (the client went away) must still clean up. Chunks go with the row (cascade).
    private static Task<int> DeleteAsync(AppDb db, Guid id) =>
        db.Recordings.IgnoreQueryFilters().Where(r => r.Id == id && r.Importing).ExecuteDeleteAsync(CancellationToken.None);
}
