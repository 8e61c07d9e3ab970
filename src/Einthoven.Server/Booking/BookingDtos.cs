using Einthoven.Server.Clinics;

namespace Einthoven.Server.Booking;

public sealed record BookingRequest(Guid ServiceId, DateTimeOffset Start);

public sealed record RescheduleRequest(DateTimeOffset Start);

public sealed record AttachRecordingRequest(Guid RecordingId);

/// <summary>
/// A booking as its patient and its clinic see it. state: booked, cancelled, past (its time has gone) or results (a
/// recording is attached). changeUntil: the last moment the patient may cancel or reschedule; canChange: whether the
/// caller may now. patientName/patientEmail: to the clinic only.
/// </summary>
public sealed record BookingView(Guid Id, Guid ClinicId, string ClinicName, string ClinicAddress, Guid ServiceId, ServiceKind Service,
    DateTimeOffset Start, DateTimeOffset End, string TimeZone, string State, DateTimeOffset ChangeUntil, bool CanChange, Guid? RecordingId,
    DateTime CreatedAt, DateTime? CancelledAt, string? CancelledBy, string? PatientName = null, string? PatientEmail = null);
