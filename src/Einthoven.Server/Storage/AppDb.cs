using Einthoven.Server.Accounts;
using Einthoven.Server.Analysis;
using Einthoven.Server.Audit;
using Einthoven.Server.Recordings;
using Einthoven.Server.Sharing;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Einthoven.Server.Storage;

/// <summary>
/// The platform's database. The model is shared; each provider has its own subclass so that it keeps its own
/// migrations (<see cref="SqliteAppDb"/>, <see cref="PostgresAppDb"/>).
/// </summary>
public abstract class AppDb(DbContextOptions options) : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options)
{
    public DbSet<PersonalAccessToken> AccessTokens => Set<PersonalAccessToken>();
    public DbSet<Recording> Recordings => Set<Recording>();
    public DbSet<SampleChunk> SampleChunks => Set<SampleChunk>();
    public DbSet<LeadEnvelope> LeadEnvelopes => Set<LeadEnvelope>();
    public DbSet<AnnotationSet> AnnotationSets => Set<AnnotationSet>();
    public DbSet<AnalysisJob> AnalysisJobs => Set<AnalysisJob>();
    public DbSet<AnalysisResult> AnalysisResults => Set<AnalysisResult>();
    public DbSet<AccessKey> AccessKeys => Set<AccessKey>();
    public DbSet<AccessGrant> AccessGrants => Set<AccessGrant>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        b.Entity<PersonalAccessToken>(e =>
        {
            e.HasIndex(t => t.Hash).IsUnique();
            e.HasIndex(t => t.UserId);
            e.Property(t => t.Name).HasMaxLength(100);
            e.Property(t => t.Hash).HasMaxLength(64);
            e.Property(t => t.Prefix).HasMaxLength(16);
            e.HasOne<AppUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Recording>(e =>
        {
            e.HasIndex(r => new { r.PatientId, r.RecordedAt });
            e.Property(r => r.Name).HasMaxLength(200);
            e.Property(r => r.OriginalFormat).HasMaxLength(32);
            e.Property(r => r.OriginalFileName).HasMaxLength(260);
            e.HasOne<AppUser>().WithMany().HasForeignKey(r => r.PatientId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<SampleChunk>(e =>
        {
            e.HasKey(c => new { c.RecordingId, c.Lead, c.Index });
            e.HasOne<Recording>().WithMany().HasForeignKey(c => c.RecordingId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<LeadEnvelope>(e =>
        {
            e.HasKey(c => new { c.RecordingId, c.Lead });
            e.HasOne<Recording>().WithMany().HasForeignKey(c => c.RecordingId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<AnnotationSet>(e =>
        {
            e.HasKey(c => new { c.RecordingId, c.Annotator });
            e.Property(c => c.Annotator).HasMaxLength(32);
            e.HasOne<Recording>().WithMany().HasForeignKey(c => c.RecordingId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<AnalysisJob>(e =>
        {
            e.HasIndex(j => new { j.State, j.CreatedAt });
            e.HasIndex(j => j.RecordingId);
            e.Property(j => j.LeaseOwner).HasMaxLength(64);
            e.Property(j => j.Error).HasMaxLength(2000);
            e.HasOne<Recording>().WithMany().HasForeignKey(j => j.RecordingId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<AnalysisResult>(e =>
        {
            e.HasKey(r => r.RecordingId);
            e.Property(r => r.Analyzer).HasMaxLength(100);
            e.HasOne<Recording>().WithMany().HasForeignKey(r => r.RecordingId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<AccessKey>(e =>
        {
            e.HasIndex(k => k.PatientId);
            e.Property(k => k.Label).HasMaxLength(100);
            e.Property(k => k.Hash).HasMaxLength(200);
            e.HasOne<AppUser>().WithMany().HasForeignKey(k => k.PatientId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<AccessGrant>(e =>
        {
            e.HasIndex(g => new { g.DoctorId, g.PatientId });
            e.HasIndex(g => g.PatientId);
            e.HasOne<AppUser>().WithMany().HasForeignKey(g => g.PatientId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<AppUser>().WithMany().HasForeignKey(g => g.DoctorId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<AccessKey>().WithMany().HasForeignKey(g => g.AccessKeyId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<AuditEntry>(e =>
        {
            e.HasIndex(a => new { a.PatientId, a.At });
            e.HasIndex(a => new { a.ActorId, a.At }); // the admin's audit filter by reader
            e.Property(a => a.Action).HasMaxLength(64);
        });
        UtcDateTimes(b);
    }

    /// <summary>SQLite returns DateTime without a kind; every time here is UTC, so say so on the way back.</summary>
    private static void UtcDateTimes(ModelBuilder b)
    {
        var utc = new ValueConverter<DateTime, DateTime>(v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        var utcNullable = new ValueConverter<DateTime?, DateTime?>(v => v, v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);
        foreach (var entity in b.Model.GetEntityTypes())
        foreach (var property in entity.GetProperties())
        {
            if (property.ClrType == typeof(DateTime)) property.SetValueConverter(utc);
            else if (property.ClrType == typeof(DateTime?)) property.SetValueConverter(utcNullable);
        }
    }
}

public sealed class SqliteAppDb(DbContextOptions<SqliteAppDb> options) : AppDb(options);

public sealed class PostgresAppDb(DbContextOptions<PostgresAppDb> options) : AppDb(options);
