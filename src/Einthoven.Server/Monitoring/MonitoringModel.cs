using Einthoven.Server.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Monitoring;

/// <summary>The monitoring tables' keys, indexes and limits (encryption at rest is set with the others in AppDb).</summary>
public static class MonitoringModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<Organisation>(e => e.Property(o => o.Name).HasMaxLength(200));
        b.Entity<StaffMembership>(e =>
        {
            e.HasKey(m => new { m.UserId, m.OrganisationId });
            e.HasOne<AppUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Organisation>().WithMany().HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Enrolment>(e =>
        {
            e.HasIndex(x => new { x.PatientId, x.EndedAt });
            e.HasIndex(x => new { x.OrganisationId, x.EndedAt });
            e.Property(x => x.SettingsJson).HasMaxLength(2000);
            e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.PatientId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ParamedicTeam>(e =>
        {
            e.HasIndex(t => t.OrganisationId);
            e.Property(t => t.Name).HasMaxLength(100);
            e.Property(t => t.Availability).HasConversion<string>().HasMaxLength(16);
            e.HasOne<Organisation>().WithMany().HasForeignKey(t => t.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<LiveAlert>(e =>
        {
            e.HasIndex(a => new { a.StreamId, a.Kind, a.Phase, a.StartSample }).IsUnique();
            e.HasIndex(a => new { a.OrganisationId, a.State, a.Rank });
            e.HasIndex(a => a.PatientId);
            e.Property(a => a.Kind).HasMaxLength(40);
            e.Property(a => a.Phase).HasMaxLength(8);
            e.Property(a => a.Severity).HasMaxLength(12);
            e.Property(a => a.State).HasConversion<string>().HasMaxLength(16);
            e.HasOne<AppUser>().WithMany().HasForeignKey(a => a.PatientId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<AlertAction>(e =>
        {
            e.HasIndex(a => new { a.AlertId, a.At });
            e.Property(a => a.Action).HasMaxLength(32);
            e.HasOne<LiveAlert>().WithMany().HasForeignKey(a => a.AlertId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Dispatch>(e =>
        {
            e.HasIndex(d => d.AlertId);
            e.HasIndex(d => d.TeamId);
            e.HasOne<LiveAlert>().WithMany().HasForeignKey(d => d.AlertId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<ParamedicTeam>().WithMany().HasForeignKey(d => d.TeamId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
