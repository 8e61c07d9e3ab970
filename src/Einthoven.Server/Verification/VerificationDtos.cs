namespace Einthoven.Server.Verification;

/// <summary>An admin assigns a cardiologist (a user with the Cardiologist role) to a patient.</summary>
public sealed record AssignmentRequest(Guid CardiologistId, Guid PatientId);
public sealed record AssignmentView(Guid Id, Guid CardiologistId, string CardiologistName, string CardiologistEmail,
    Guid PatientId, string PatientName, string PatientEmail, DateTime AssignedAt);

/// <summary>Pushing a recording for verification; organisationId: an organisation the patient is enrolled with, whose cardiologists get it too.</summary>
public sealed record PushRequest(Guid? OrganisationId);

/// <param name="Cardiologists">How many cardiologists the request is routed to now (assigned to the patient, or of the organisation).</param>
public sealed record VerificationRequestView(Guid Id, Guid RecordingId, Guid? OrganisationId, string? OrganisationName, Guid RequestedBy,
    string RequestedByName, DateTime RequestedAt, VerificationStatus Status, int Cardiologists);

/// <summary>One cardiologist's physician beat set: author, times, the AI model it started from, and progress (reviewed / beats).</summary>
public sealed record VerificationSetView(Guid Id, Guid RequestId, Guid RecordingId, Guid CardiologistId, string CardiologistName, string AiModel,
    DateTime StartedAt, DateTime UpdatedAt, DateTime? CompletedAt, int BeatCount, int ReviewedCount, double Progress);

/// <summary>A recording's verification requests and physician sets (kept apart from the AI's beats).</summary>
/// <param name="CanPush">The caller may push it (the patient, or a doctor with a live grant).</param>
/// <param name="Organisations">Organisations it may be pushed to as well (those the patient is enrolled with), for whoever may push it.</param>
public sealed record RecordingVerificationView(Guid RecordingId, IReadOnlyList<VerificationRequestView> Requests,
    IReadOnlyList<VerificationSetView> Sets, bool CanPush, IReadOnlyList<Monitoring.OrganisationView> Organisations, string Disclaimer);

/// <param name="Route">"assigned" (the cardiologist is assigned to the patient) or "organisation" (staff of the request's organisation).</param>
/// <param name="AiBeats">The AI's beats (null until the analysis has finished).</param>
/// <param name="Mine">The caller's own set of this request, once started.</param>
/// <param name="OtherSets">Sets other cardiologists started on this request.</param>
public sealed record QueueItemView(Guid RequestId, Guid RecordingId, string RecordingName, DateTime RecordedAt, double DurationSeconds,
    Guid PatientId, string PatientName, string? OrganisationName, string Route, DateTime RequestedAt, VerificationStatus Status,
    int? AiBeats, VerificationSetView? Mine, int OtherSets);

/// <param name="Ai">The AI's AAMI class for this beat, null for a beat the cardiologist added.</param>
/// <param name="Label">The physician's AAMI class (N, S, V, F, Q): the AI's until reviewed.</param>
/// <param name="Reviewed">Confirmed, relabelled or added by the cardiologist.</param>
public sealed record VerifiedBeatView(long Sample, double Time, string? Ai, string Label, bool Reviewed);

public sealed record VerificationSetDetail(VerificationSetView Set, double SamplingFrequency, IReadOnlyList<VerifiedBeatView> Beats, string Disclaimer);

/// <summary>A batch of edits, applied in order and saved at once: all of them, or none when one is refused.</summary>
public sealed record EditBatch(IReadOnlyList<EditOperation>? Operations);

/// <summary>
/// One edit. op: confirm, relabel, add or delete. confirm, relabel and delete select beats by exactly one of: samples
/// (beats at exactly these samples), from and to (seconds, both ends included), or cluster (every beat whose AI label is
/// that class). relabel takes label (N, S, V, F, Q); add takes sample and label.
/// </summary>
public sealed record EditOperation(string? Op, string? Label, IReadOnlyList<long>? Samples, double? From, double? To, string? Cluster, long? Sample);

/// <param name="Changed">Beats the batch confirmed, relabelled, added or deleted.</param>
public sealed record EditResultView(VerificationSetView Set, int Changed);

/// <param name="ConfirmRemaining">Confirm every beat not yet reviewed as it stands, then sign off.</param>
public sealed record CompleteRequest(bool ConfirmRemaining);

/// <summary>Two sets disagree at a beat: different labels (both samples given) or a beat only one of them has (the other's sample and label null).</summary>
public sealed record DisagreementView(Guid SetA, Guid SetB, double Time, long? SampleA, string? LabelA, long? SampleB, string? LabelB);

/// <param name="Total">Disagreements found; at most <see cref="Disagreements.MaxListed"/> are listed in Items, first by time.</param>
public sealed record DisagreementsView(Guid RecordingId, IReadOnlyList<VerificationSetView> Sets, int Total, IReadOnlyList<DisagreementView> Items, string Disclaimer);
