namespace Einthoven.Server.Booking;

/// <summary>
/// A patient's booking of one slot of a clinic's service (table Bookings). At most one booking that is not cancelled
/// holds a service's start time: the database enforces it (<see cref="Clinics.ClinicModel.OneBookingPerSlot"/>).
/// Rescheduling moves <see cref="StartsAt"/> of the same row in one update.
/// </summary>
public sealed class Appointment
{
    public Guid Id { get; set; }
    public Guid ClinicId { get; set; }
    public Guid ServiceId { get; set; }
    public Guid PatientId { get; set; }
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? CancelledAt { get; set; }
    /// <summary>"patient" or "clinic".</summary>
    public string? CancelledBy { get; set; }
    /// <summary>The recording made at the appointment (the patient's), once the clinic attached it.</summary>
    public Guid? RecordingId { get; set; }
}
