using Einthoven.Server.Accounts;
using Einthoven.Server.Analysis;
using Einthoven.Server.Audit;
using Einthoven.Server.Recordings;
using Einthoven.Server.Sharing;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Einthoven.Server.Storage.AtRest;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Einthoven.Server.Storage;

/// <summary>
/// The platform's database. The model is shared; each provider has its own subclass so that it keeps its own
/// migrations (<see cref="SqliteAppDb"/>, <see cref="PostgresAppDb"/>).
/// </summary>
public abstract class AppDb(DbContextOptions options, AtRestProtection protection) : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options)
{
    /// <summary>The encryption of health data at rest that this context's model applies.</summary>
    public AtRestProtection Protection => protection;

    public DbSet<PersonalAccessToken> AccessTokens => Set<PersonalAccessToken>();
    public DbSet<Recording> Recordings => Set<Recording>();
    public DbSet<SampleChunk> SampleChunks => Set<SampleChunk>();
    public DbSet<RecordingPhoto> RecordingPhotos => Set<RecordingPhoto>();
    public DbSet<LeadEnvelope> LeadEnvelopes => Set<LeadEnvelope>();
    public DbSet<AnnotationSet> AnnotationSets => Set<AnnotationSet>();
    public DbSet<AnalysisJob> AnalysisJobs => Set<AnalysisJob>();
    public DbSet<AnalysisResult> AnalysisResults => Set<AnalysisResult>();
    public DbSet<AccessKey> AccessKeys => Set<AccessKey>();
    public DbSet<AccessGrant> AccessGrants => Set<AccessGrant>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<UserSession> Sessions => Set<UserSession>();
    public DbSet<Live.MonitoringDevice> MonitoringDevices => Set<Live.MonitoringDevice>();
    public DbSet<Live.LiveStream> LiveStreams => Set<Live.LiveStream>();
    public DbSet<Live.LiveFrame> LiveFrames => Set<Live.LiveFrame>();
    public DbSet<Monitoring.Organisation> Organisations => Set<Monitoring.Organisation>();
    public DbSet<Monitoring.StaffMembership> StaffMemberships => Set<Monitoring.StaffMembership>();
    public DbSet<Monitoring.Enrolment> Enrolments => Set<Monitoring.Enrolment>();
    public DbSet<Monitoring.ParamedicTeam> ParamedicTeams => Set<Monitoring.ParamedicTeam>();
    public DbSet<Monitoring.LiveAlert> LiveAlerts => Set<Monitoring.LiveAlert>();
    public DbSet<Monitoring.AlertAction> AlertActions => Set<Monitoring.AlertAction>();
    public DbSet<Monitoring.Dispatch> Dispatches => Set<Monitoring.Dispatch>();
    public DbSet<Verification.CardiologistAssignment> CardiologistAssignments => Set<Verification.CardiologistAssignment>();
    public DbSet<Verification.VerificationRequest> VerificationRequests => Set<Verification.VerificationRequest>();
    public DbSet<Verification.BeatVerification> BeatVerifications => Set<Verification.BeatVerification>();
    public DbSet<ContinuousLearning.RegisteredModel> ModelVersions => Set<ContinuousLearning.RegisteredModel>();
    public DbSet<ContinuousLearning.ModelEvent> ModelEvents => Set<ContinuousLearning.ModelEvent>();
    public DbSet<ContinuousLearning.DatasetVersion> DatasetVersions => Set<ContinuousLearning.DatasetVersion>();
    public DbSet<ContinuousLearning.DatasetRecording> DatasetRecordings => Set<ContinuousLearning.DatasetRecording>();
    public DbSet<ContinuousLearning.RetrainingRun> RetrainingRuns => Set<ContinuousLearning.RetrainingRun>();
    public DbSet<global::Einthoven.Server.Clinics.Clinic> Clinics => Set<global::Einthoven.Server.Clinics.Clinic>();
    public DbSet<global::Einthoven.Server.Clinics.ClinicService> ClinicServices => Set<global::Einthoven.Server.Clinics.ClinicService>();
    public DbSet<global::Einthoven.Server.Clinics.ClinicStaff> ClinicStaff => Set<global::Einthoven.Server.Clinics.ClinicStaff>();
    public DbSet<Booking.Appointment> Appointments => Set<Booking.Appointment>();
    public DbSet<Einthoven.Server.Notifications.Notification> Notifications => Set<Einthoven.Server.Notifications.Notification>();
    public DbSet<Einthoven.Server.Notifications.NotificationDelivery> NotificationDeliveries => Set<Einthoven.Server.Notifications.NotificationDelivery>();
    public DbSet<Einthoven.Server.Notifications.NotificationPreference> NotificationPreferences => Set<Einthoven.Server.Notifications.NotificationPreference>();
    public DbSet<Einthoven.Server.Notifications.UnsubscribeToken> UnsubscribeTokens => Set<Einthoven.Server.Notifications.UnsubscribeToken>();
    public DbSet<global::Einthoven.Server.Conclusions.Conclusion> Conclusions => Set<global::Einthoven.Server.Conclusions.Conclusion>();

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
            e.Property(t => t.Scopes).HasMaxLength(200);
            e.HasOne<AppUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<UserSession>(e =>
        {
            e.Property(s => s.Id).HasMaxLength(64);
            e.HasIndex(s => s.UserId);
            e.HasIndex(s => s.ExpiresAt);
            e.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Recording>(e =>
        {
            e.HasIndex(r => new { r.PatientId, r.RecordedAt });
            e.Property(r => r.Name).HasMaxLength(200);
            e.Property(r => r.OriginalFormat).HasMaxLength(32);
            e.Property(r => r.OriginalFileName).HasMaxLength(260);
            e.HasQueryFilter(r => !r.Importing);
            e.HasOne<AppUser>().WithMany().HasForeignKey(r => r.PatientId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<RecordingPhoto>(e =>
        {
            e.HasKey(p => p.RecordingId);
            e.Property(p => p.ContentType).HasMaxLength(32);
            e.HasOne<Recording>().WithMany().HasForeignKey(p => p.RecordingId).OnDelete(DeleteBehavior.Cascade);
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
            e.Property(r => r.Analyzer).HasMaxLength(400);
            e.HasOne<Recording>().WithMany().HasForeignKey(r => r.RecordingId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<AccessKey>(e =>
        {
            e.HasIndex(k => k.PatientId);
            e.HasIndex(k => new { k.PatientId, k.Identifier }).IsUnique();
            e.Property(k => k.Identifier).HasMaxLength(8);
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
        LiveModel(b);
        Monitoring.MonitoringModel.Configure(b);
        Verification.VerificationModel.Configure(b);
        ContinuousLearning.LearningModel.Configure(b);
        global::Einthoven.Server.Clinics.ClinicModel.Configure(b);
        Einthoven.Server.Notifications.NotificationModel.Configure(b, protection);
        global::Einthoven.Server.Conclusions.ConclusionModel.Configure(b, protection);
        UtcDateTimes(b);
        ProtectedAtRest(b);
    }

    private static void LiveModel(ModelBuilder b)
    {
        b.Entity<Live.MonitoringDevice>(e =>
        {
            e.HasIndex(d => d.TokenHash).IsUnique();
            e.HasIndex(d => d.PatientId);
            e.Property(d => d.Label).HasMaxLength(100);
            e.Property(d => d.TokenHash).HasMaxLength(64);
            e.Property(d => d.Prefix).HasMaxLength(16);
            e.HasOne<AppUser>().WithMany().HasForeignKey(d => d.PatientId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Live.LiveStream>(e =>
        {
            e.HasIndex(s => new { s.DeviceId, s.State });
            e.HasIndex(s => new { s.State, s.LastFrameAt });
            e.HasIndex(s => s.PatientId);
            e.Property(s => s.State).HasConversion<string>().HasMaxLength(16);
            e.Property(s => s.LeadsJson).HasMaxLength(4000);
            e.Property(s => s.EndReason).HasMaxLength(200);
            e.HasOne<Live.MonitoringDevice>().WithMany().HasForeignKey(s => s.DeviceId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Live.LiveFrame>(e =>
        {
            e.HasKey(f => new { f.StreamId, f.Sequence });
            e.HasIndex(f => new { f.StreamId, f.FirstSample });
            e.HasOne<Live.LiveStream>().WithMany().HasForeignKey(f => f.StreamId).OnDelete(DeleteBehavior.Cascade);
        });
    }

    /// <summary>
    /// Health data is stored encrypted (<see cref="AtRestProtection"/>); personal data of accounts is encrypted by
    /// Identity (ProtectPersonalData, <see cref="LookupProtector"/>), so those columns hold ciphertext of any length.
    /// </summary>
    private void ProtectedAtRest(ModelBuilder b)
    {
        b.Entity<SampleChunk>().Property(c => c.Data).HasConversion(protection.Bytes, AtRestProtection.ByContent);
        b.Entity<RecordingPhoto>().Property(c => c.Data).HasConversion(protection.Bytes, AtRestProtection.ByContent);
        b.Entity<LeadEnvelope>(e =>
        {
            e.Property(c => c.Minima).HasConversion(protection.Bytes, AtRestProtection.ByContent);
            e.Property(c => c.Maxima).HasConversion(protection.Bytes, AtRestProtection.ByContent);
        });
        b.Entity<AnnotationSet>().Property(c => c.Data).HasConversion(protection.Bytes, AtRestProtection.ByContent);
        b.Entity<Live.LiveFrame>().Property(c => c.Data).HasConversion(protection.Bytes, AtRestProtection.ByContent);
        b.Entity<Monitoring.LiveAlert>(e =>
        {
            e.Property(a => a.Evidence).HasConversion(protection.Bytes, AtRestProtection.ByContent);
            e.Property(a => a.Detail).HasConversion(protection.Text).Metadata.SetMaxLength(null);
        });
        b.Entity<Monitoring.Enrolment>().Property(x => x.KnownConditions).HasConversion(protection.Text).Metadata.SetMaxLength(null);
        b.Entity<Monitoring.AlertAction>().Property(x => x.Note).HasConversion(protection.Text).Metadata.SetMaxLength(null);
        b.Entity<Monitoring.Dispatch>().Property(x => x.HandOverNote).HasConversion(protection.Text).Metadata.SetMaxLength(null);
        b.Entity<AnalysisResult>().Property(r => r.SummaryJson).HasConversion(protection.Text);
        b.Entity<Verification.BeatVerification>().Property(v => v.Data).HasConversion(protection.Bytes, AtRestProtection.ByContent);
        b.Entity<Recording>(e =>
        {
            e.Property(r => r.InfoJson).HasConversion(protection.Text);
            e.Property(r => r.Name).HasConversion(protection.Text).Metadata.SetMaxLength(null);
            e.Property(r => r.OriginalFileName).HasConversion(protection.Text).Metadata.SetMaxLength(null);
            e.Property(r => r.DigitizedJson).HasConversion(protection.Text!);
        });
        b.Entity<AppUser>(e =>
        {
            foreach (var name in new[] { nameof(AppUser.UserName), nameof(AppUser.NormalizedUserName), nameof(AppUser.Email), nameof(AppUser.NormalizedEmail) })
                e.Property(name).Metadata.SetMaxLength(null);
            e.Property(u => u.Language).HasMaxLength(8);
        });
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

public sealed class SqliteAppDb(DbContextOptions<SqliteAppDb> options, AtRestProtection protection) : AppDb(options, protection);

public sealed class PostgresAppDb(DbContextOptions<PostgresAppDb> options, AtRestProtection protection) : AppDb(options, protection);

/// <summary>One model per key ring: the model holds the converters that encrypt with it.</summary>
public sealed class AtRestModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), (context as AppDb)?.Protection.Id, designTime);
}
