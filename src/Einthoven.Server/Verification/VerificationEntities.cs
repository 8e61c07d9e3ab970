namespace Einthoven.Server.Verification;

/// <summary>A cardiologist assigned to verify one patient's recordings (an admin makes it).</summary>
public sealed class CardiologistAssignment
{
    public Guid Id { get; set; }
    public Guid CardiologistId { get; set; }
    public Guid PatientId { get; set; }
    public DateTime AssignedAt { get; set; }
}

public enum VerificationStatus { Open, Completed, Withdrawn }

/// <summary>
/// A recording pushed for verification by its patient or a doctor with a grant. It is in the queue of the
/// cardiologists assigned to the patient and, when <see cref="OrganisationId"/> is set, of that organisation's
/// cardiologists (staff members with the Cardiologist role).
/// </summary>
public sealed class VerificationRequest
{
    public Guid Id { get; set; }
    public Guid RecordingId { get; set; }
    public Guid PatientId { get; set; }
    public Guid? OrganisationId { get; set; }
    public Guid RequestedBy { get; set; }
    public DateTime RequestedAt { get; set; }
    public VerificationStatus Status { get; set; }
}

/// <summary>
/// One cardiologist's physician annotation set of a recording, kept apart from the device (AI) set it started from.
/// <see cref="Data"/> holds the physician's beats, <see cref="Storage.AnnotationSetCodec"/>-encoded: one annotation
/// per beat, its Code the MIT code of its AAMI class (N, S, V, F, Q), its Subtype 1 once the cardiologist has
/// reviewed it (confirmed, relabelled or added) and 0 while it still carries the AI's label untouched, its Number the
/// MIT code of the AI's class it started from (0 for a beat the cardiologist added). Deleted beats are absent. Progress is saved with every edit; <see cref="CompletedAt"/> is set when the cardiologist signs it off,
/// and only completed sets enter dataset versions.
/// </summary>
public sealed class BeatVerification
{
    public Guid Id { get; set; }
    public Guid RequestId { get; set; }
    public Guid RecordingId { get; set; }
    public Guid CardiologistId { get; set; }
    /// <summary>The analyzer (name and model versions) whose beat labels the set started from.</summary>
    public string AiModel { get; set; } = "";
    public DateTime StartedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    public int BeatCount { get; set; }
    public int ReviewedCount { get; set; }
    public byte[] Data { get; set; } = [];
}
