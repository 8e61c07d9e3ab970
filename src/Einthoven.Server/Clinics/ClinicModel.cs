using Einthoven.Server.Accounts;
using Einthoven.Server.Booking;
using Einthoven.Server.Recordings;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Clinics;

/// <summary>The clinic and booking tables: keys, limits and the index that makes double booking impossible.</summary>
public static class ClinicModel
{
    /// <summary>The partial unique index on a service's start times over bookings not cancelled (SQLite and PostgreSQL alike).</summary>
    public const string OneBookingPerSlot = "IX_Bookings_ServiceId_StartsAt_Active";

    public static void Configure(ModelBuilder b)
    {
        b.Entity<Clinic>(e =>
        {
            e.Property(c => c.Name).HasMaxLength(ClinicLimits.Name);
            e.Property(c => c.Address).HasMaxLength(ClinicLimits.Address);
            e.Property(c => c.TimeZone).HasMaxLength(64);
            e.Property(c => c.Phone).HasMaxLength(ClinicLimits.Phone);
            e.Property(c => c.Email).HasMaxLength(ClinicLimits.Email);
            e.Property(c => c.HoursJson).HasMaxLength(4000);
            e.Property(c => c.ExceptionsJson).HasMaxLength(40000);
        });
        b.Entity<ClinicService>(e =>
        {
            e.HasIndex(s => s.ClinicId);
            e.Property(s => s.Kind).HasConversion<string>().HasMaxLength(16);
            e.HasOne<Clinic>().WithMany().HasForeignKey(s => s.ClinicId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ClinicStaff>(e =>
        {
            e.HasKey(s => new { s.UserId, s.ClinicId });
            e.HasIndex(s => s.ClinicId);
            e.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Clinic>().WithMany().HasForeignKey(s => s.ClinicId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Appointment>(e =>
        {
            e.ToTable("Bookings");
            e.HasIndex(x => new { x.ServiceId, x.StartsAt }).IsUnique().HasFilter("\"CancelledAt\" IS NULL").HasDatabaseName(OneBookingPerSlot);
            e.HasIndex(x => new { x.PatientId, x.StartsAt });
            e.HasIndex(x => new { x.ClinicId, x.StartsAt });
            e.Property(x => x.CancelledBy).HasMaxLength(16);
            e.HasOne<Clinic>().WithMany().HasForeignKey(x => x.ClinicId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<ClinicService>().WithMany().HasForeignKey(x => x.ServiceId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.PatientId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Recording>().WithMany().HasForeignKey(x => x.RecordingId).OnDelete(DeleteBehavior.SetNull);
        });
    }
}
