using Einthoven.Server.Accounts;
using Einthoven.Server.Recordings;
using Einthoven.Server.Storage.AtRest;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Conclusions;

/// <summary>
/// A doctor's written conclusion on one of a patient's recordings: one per doctor and recording, replaced when the
/// doctor rewrites it. The text is health data and is stored encrypted.
/// </summary>
public sealed class Conclusion
{
    public Guid Id { get; set; }
    public Guid RecordingId { get; set; }
    public Guid PatientId { get; set; }
    public Guid AuthorId { get; set; }
    public string Text { get; set; } = "";
    public DateTime WrittenAt { get; set; }
    /// <summary>How many times the doctor has written it (1 for the first text); each version is notified once.</summary>
    public int Version { get; set; }
}

public static class ConclusionModel
{
    /// <summary>The longest conclusion a doctor may write, in characters.</summary>
    public const int MaxLength = 4000;

    public static void Configure(ModelBuilder b, AtRestProtection protection) =>
        b.Entity<Conclusion>(e =>
        {
            e.HasIndex(c => new { c.RecordingId, c.AuthorId }).IsUnique();
            e.HasIndex(c => c.PatientId);
            e.Property(c => c.Text).HasConversion(protection.Text).Metadata.SetMaxLength(null);
            e.HasOne<Recording>().WithMany().HasForeignKey(c => c.RecordingId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<AppUser>().WithMany().HasForeignKey(c => c.AuthorId).OnDelete(DeleteBehavior.Cascade);
        });
}
