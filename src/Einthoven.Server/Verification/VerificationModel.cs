using Einthoven.Server.Accounts;
using Einthoven.Server.Monitoring;
using Einthoven.Server.Recordings;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Verification;

/// <summary>The verification tables' keys, indexes and limits.</summary>
public static class VerificationModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<CardiologistAssignment>(e =>
        {
            e.HasIndex(a => new { a.CardiologistId, a.PatientId }).IsUnique();
            e.HasIndex(a => a.PatientId);
            e.HasOne<AppUser>().WithMany().HasForeignKey(a => a.CardiologistId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<AppUser>().WithMany().HasForeignKey(a => a.PatientId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<VerificationRequest>(e =>
        {
            e.HasIndex(r => new { r.PatientId, r.Status });
            e.HasIndex(r => new { r.OrganisationId, r.Status });
            e.HasIndex(r => r.RecordingId);
            e.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
            e.HasOne<Recording>().WithMany().HasForeignKey(r => r.RecordingId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Organisation>().WithMany().HasForeignKey(r => r.OrganisationId).OnDelete(DeleteBehavior.SetNull);
        });
        b.Entity<BeatVerification>(e =>
        {
            e.HasIndex(v => new { v.RequestId, v.CardiologistId }).IsUnique();
            e.HasIndex(v => new { v.RecordingId, v.CompletedAt });
            e.HasIndex(v => v.CardiologistId);
            e.Property(v => v.AiModel).HasMaxLength(400);
            e.HasOne<VerificationRequest>().WithMany().HasForeignKey(v => v.RequestId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Recording>().WithMany().HasForeignKey(v => v.RecordingId).OnDelete(DeleteBehavior.NoAction);
            e.HasOne<AppUser>().WithMany().HasForeignKey(v => v.CardiologistId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
