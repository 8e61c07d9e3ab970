namespace Einthoven.Server.Monitoring;

public enum AlertState { Open, Acknowledged, Escalated, Dispatched, Resolved }

/// <summary>
/// An alert the live analysis raised on a patient's stream, with its evidence strip and its latency, and what staff
/// did about it (<see cref="AlertAction"/>). Positions are samples of the stream; times are UTC.
/// </summary>
public sealed class LiveAlert
{
    public Guid Id { get; set; }
    public Guid StreamId { get; set; }
    public Guid PatientId { get; set; }
    public Guid OrganisationId { get; set; }
    public string Kind { get; set; } = "";
    public string Phase { get; set; } = "";
    public string Severity { get; set; } = "";
    /// <summary>Severity as a number for ordering: Critical 2, Warning 1, Advisory 0.</summary>
    public int Rank { get; set; }
    public string Detail { get; set; } = "";
    public long StartSample { get; set; }
    public long DetectedAtSample { get; set; }
    public double SamplingFrequency { get; set; }
    /// <summary>The device's clock (Unix ms) when it sent the frame that held <see cref="DetectedAtSample"/>.</summary>
    public long DeviceTime { get; set; }
    public DateTime RaisedAt { get; set; }
    /// <summary>Device clock to the alert stored and published by the server, in ms.</summary>
    public double LatencyMs { get; set; }
    public long EvidenceStart { get; set; }
    /// <summary>The strip: every lead's samples from <see cref="EvidenceStart"/>, as stored frames are (encrypted at rest).</summary>
    public byte[] Evidence { get; set; } = [];
    public int EvidenceLeads { get; set; }
    public AlertState State { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>One step of an alert's handling: who did what, when, with their note. The alert's audit trail.</summary>
public sealed class AlertAction
{
    public Guid Id { get; set; }
    public Guid AlertId { get; set; }
    public Guid ActorId { get; set; }
    public string Action { get; set; } = "";
    public string Note { get; set; } = "";
    public DateTime At { get; set; }
}

/// <summary>A paramedic team sent to an escalated alert: the distance it had to cover, and the hand-over when it arrived.</summary>
public sealed class Dispatch
{
    public Guid Id { get; set; }
    public Guid AlertId { get; set; }
    public Guid TeamId { get; set; }
    public Guid AssignedBy { get; set; }
    public DateTime AssignedAt { get; set; }
    public double DistanceKm { get; set; }
    public DateTime? HandedOverAt { get; set; }
    public Guid? HandedOverBy { get; set; }
    public string HandOverNote { get; set; } = "";
}
