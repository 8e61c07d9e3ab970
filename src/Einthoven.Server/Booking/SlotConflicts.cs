using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Einthoven.Server.Booking;

/// <summary>Recognises the database refusing a second booking of a slot (the partial unique index), on SQLite and PostgreSQL.</summary>
public static class SlotConflicts
{
    public static bool IsSlotTaken(DbUpdateException e) => e.InnerException switch
    {
        SqliteException s => s.SqliteErrorCode == 19 && s.Message.Contains("Bookings.", StringComparison.Ordinal), // SQLITE_CONSTRAINT (UNIQUE)
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation && p.ConstraintName == Clinics.ClinicModel.OneBookingPerSlot,
        _ => false,
    };
}
