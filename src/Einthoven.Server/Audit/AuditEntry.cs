namespace Einthoven.Server.Audit;

/// <summary>One read of a patient's data by someone other than the patient.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public Guid ActorId { get; set; }
    public Guid PatientId { get; set; }
    public string Action { get; set; } = "";
    public Guid? RecordingId { get; set; }
}
