using Microsoft.EntityFrameworkCore;
using System.Text.Json;
using Einthoven.Server.Analysis;
using Einthoven.Server.Storage;
using Einthoven.Signal.Formats;

namespace Einthoven.Server.Recordings;

/// <summary>
/// Stores a record for a patient in one transaction: its description, compressed samples, annotation sets and the
/// analysis job. Either all of it is there afterwards or none of it.
/// </summary>
public sealed class RecordingImporter(AppDb db, JobQueue jobs, TimeProvider time)
{
    public async Task<(Recording Recording, AnalysisJob Job)> ImportAsync(
        Guid patientId, ISignalReader reader, string format, string fileName, CancellationToken ct)
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
        };
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            db.Recordings.Add(recording);
            await db.SaveChangesAsync(ct);
            recording.StoredBytes = await SampleStore.WriteAsync(db, recording.Id, reader, ct);
            foreach (var annotator in reader.Annotators)
            {
                var list = reader.ReadAnnotations(annotator);
                db.AnnotationSets.Add(new AnnotationSet { RecordingId = recording.Id, Annotator = annotator, Count = list.Count, Data = AnnotationSetCodec.Encode(list) });
            }
            db.Recordings.Update(recording);
            var job = jobs.Enqueue(recording.Id);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            jobs.Wake();
            return (recording, job);
        });
    }
}
