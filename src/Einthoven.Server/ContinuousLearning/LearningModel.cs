using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.ContinuousLearning;

/// <summary>The registry, dataset and retraining tables' keys, indexes and limits.</summary>
public static class LearningModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<RegisteredModel>(e =>
        {
            e.ToTable("ModelVersions");
            e.HasIndex(m => new { m.Kind, m.Version }).IsUnique();
            e.HasIndex(m => new { m.Kind, m.Status });
            e.Property(m => m.Kind).HasMaxLength(32);
            e.Property(m => m.WeightsSha256).HasMaxLength(64);
            e.Property(m => m.DatasetVersionId).HasMaxLength(64);
            e.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        });
        b.Entity<ModelEvent>(e =>
        {
            e.HasIndex(x => new { x.Kind, x.At });
            e.Property(x => x.Kind).HasMaxLength(32);
            e.Property(x => x.Action).HasMaxLength(32);
            e.Property(x => x.Reason).HasMaxLength(2000);
        });
        b.Entity<DatasetVersion>(e =>
        {
            e.Property(d => d.Id).HasMaxLength(64);
            e.Property(d => d.Standard).HasMaxLength(2000);
            e.HasIndex(d => d.CreatedAt);
        });
        b.Entity<DatasetRecording>(e =>
        {
            e.HasKey(r => new { r.DatasetVersionId, r.RecordName });
            e.Property(r => r.DatasetVersionId).HasMaxLength(64);
            e.Property(r => r.RecordName).HasMaxLength(32);
            e.HasIndex(r => r.RecordingId);
            e.HasOne<DatasetVersion>().WithMany().HasForeignKey(r => r.DatasetVersionId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<RetrainingRun>(e =>
        {
            e.HasIndex(r => r.StartedAt);
            e.HasIndex(r => r.Status);
            e.Property(r => r.Trigger).HasMaxLength(16);
            e.Property(r => r.DatasetVersionId).HasMaxLength(64);
            e.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(r => r.Decision).HasMaxLength(16);
            e.Property(r => r.Reason).HasMaxLength(2000);
            e.Property(r => r.StderrTail).HasMaxLength(8000);
        });
    }
}
