namespace Einthoven.Server.Monitoring;

/// <summary>A hospital or service that monitors patients at home; its staff (monitoring and paramedic roles) are its members.</summary>
public sealed class Organisation
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

/// <summary>A staff member of an organisation (an admin makes it); what they may see follows from it.</summary>
public sealed class StaffMembership
{
    public Guid UserId { get; set; }
    public Guid OrganisationId { get; set; }
    /// <summary>The paramedic team the member belongs to, for paramedics.</summary>
    public Guid? TeamId { get; set; }
}

/// <summary>
/// A patient's consent to be monitored by an organisation: while it lasts, the organisation's monitoring staff see the
/// patient's live stream, alerts and history. It holds the home location (for dispatch), known conditions and the
/// patient's alert thresholds.
/// </summary>
public sealed class Enrolment
{
    public Guid Id { get; set; }
    public Guid PatientId { get; set; }
    public Guid OrganisationId { get; set; }
    public double HomeLatitude { get; set; }
    public double HomeLongitude { get; set; }
    /// <summary>Free text the patient or staff enter (e.g. "paroxysmal AF, on apixaban"); health data, encrypted at rest.</summary>
    public string KnownConditions { get; set; } = "";
    /// <summary>The patient's <see cref="Einthoven.Monitoring.MonitorSettings"/> as JSON; empty for the defaults.</summary>
    public string SettingsJson { get; set; } = "";
    public DateTime EnrolledAt { get; set; }
    public DateTime? EndedAt { get; set; }
}

public enum TeamAvailability { Available, Dispatched, OffDuty }

/// <summary>A paramedic team of an organisation: where it is based and whether it can take a call.</summary>
public sealed class ParamedicTeam
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public string Name { get; set; } = "";
    public double BaseLatitude { get; set; }
    public double BaseLongitude { get; set; }
    public TeamAvailability Availability { get; set; }
}
