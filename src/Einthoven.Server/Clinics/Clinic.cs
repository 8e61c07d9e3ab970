namespace Einthoven.Server.Clinics;

/// <summary>What a clinic offers: a resting 12-lead ECG, a Holter fitting, an exercise stress test.</summary>
public enum ServiceKind { RestingEcg, Holter, StressTest }

/// <summary>
/// A clinic of the directory (issue 27): where it is, when it is open (weekly hours and dated exceptions, as JSON in
/// <see cref="HoursJson"/> and <see cref="ExceptionsJson"/>, read by <see cref="ClinicSchedule"/>), whom to call, and its
/// booking rules. Times are the clinic's own, in <see cref="TimeZone"/> (an IANA id).
/// </summary>
public sealed class Clinic
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string Address { get; set; } = "";
    public double Latitude { get; set; }
    public double Longitude { get; set; }
    public string TimeZone { get; set; } = ClinicSchedule.DefaultTimeZone;
    public string Phone { get; set; } = "";
    public string Email { get; set; } = "";
    public string HoursJson { get; set; } = "[]";
    public string ExceptionsJson { get; set; } = "[]";
    /// <summary>A patient may cancel or reschedule until this many hours before the appointment.</summary>
    public int ChangeCutoffHours { get; set; } = 12;
    /// <summary>How far ahead slots can be booked.</summary>
    public int BookingHorizonDays { get; set; } = 30;
    public DateTime CreatedAt { get; set; }
}

/// <summary>One bookable service of a clinic: one resource (a room, a device), so one patient per slot.</summary>
public sealed class ClinicService
{
    public Guid Id { get; set; }
    public Guid ClinicId { get; set; }
    public ServiceKind Kind { get; set; }
    public int DurationMinutes { get; set; }
    /// <summary>A service the clinic stopped offering keeps its bookings but takes no new ones.</summary>
    public bool Active { get; set; } = true;
}

/// <summary>A clinic admin of a clinic (a system admin makes it): they manage that clinic and see its bookings.</summary>
public sealed class ClinicStaff
{
    public Guid UserId { get; set; }
    public Guid ClinicId { get; set; }
}
