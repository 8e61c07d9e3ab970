using System.Text.Json;
using Einthoven.Models.Analysis;
using Einthoven.Server.Recordings;
using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Analysis;

/// <summary>Replaces a recording's analysis with a new outcome and completes the job, atomically.</summary>
public sealed class AnalysisResultWriter(AppDb db, JobQueue queue, SampleCache cache, TimeProvider time)
{
    public async Task SaveAsync(AnalysisJob job, Guid recordingId, string analyzer, AnalysisOutcome outcome, string owner, CancellationToken ct)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.AnnotationSets.Where(a => a.RecordingId == recordingId && a.Annotator == RecordingLoader.AnalysisAnnotator).ExecuteDeleteAsync(ct);
            await db.AnalysisResults.Where(r => r.RecordingId == recordingId).ExecuteDeleteAsync(ct);
            var annotations = outcome.Annotations.OrderBy(a => a.Sample).ToList();
            db.AnnotationSets.Add(new AnnotationSet
            {
                RecordingId = recordingId, Annotator = RecordingLoader.AnalysisAnnotator, Count = annotations.Count,
                Data = AnnotationSetCodec.Encode(annotations),
            });
            db.AnalysisResults.Add(new AnalysisResult
            {
                RecordingId = recordingId, Analyzer = analyzer, CreatedAt = time.GetUtcNow().UtcDateTime,
                SummaryJson = JsonSerializer.Serialize(outcome.Summary, AnalysisReport.Json),
            });
            await db.SaveChangesAsync(ct);
            if (!await queue.CompleteAsync(job.Id, owner, ct))
            {
                await tx.RollbackAsync(ct); // the lease went to another worker: its result will count
                return;
            }
            await tx.CommitAsync(ct);
        });
        db.ChangeTracker.Clear();
        cache.Forget(recordingId);
    }
}
