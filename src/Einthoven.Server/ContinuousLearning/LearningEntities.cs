namespace Einthoven.Server.ContinuousLearning;

public enum ModelStatus { Champion, Challenger, Retired }

/// <summary>
/// One version of a model in the registry (issue 25). Its weights and card are stored under
/// <c>DATAFOLDER/models/KIND/SHA256/</c> (<see cref="ModelFiles"/>) and hash-checked when loaded. Exactly one version
/// of a kind is the champion: the one the analysis runs. Version 1 of "beats" is the shipped model.
/// </summary>
public sealed class RegisteredModel
{
    public Guid Id { get; set; }
    /// <summary>"beats" (the only kind the registry holds so far).</summary>
    public string Kind { get; set; } = "";
    /// <summary>1, 2, 3, ... per kind.</summary>
    public int Version { get; set; }
    public string WeightsSha256 { get; set; } = "";
    /// <summary>The model card as the trainer wrote it.</summary>
    public string CardJson { get; set; } = "";
    /// <summary>The dataset version it was trained on; null for the shipped model.</summary>
    public string? DatasetVersionId { get; set; }
    /// <summary>What it was measured with: the retraining run's report (holdout metrics), or the card's metrics.</summary>
    public string MetricsJson { get; set; } = "{}";
    public ModelStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>The run that trained it; null for the shipped model.</summary>
    public Guid? RunId { get; set; }
    public DateTime? PromotedAt { get; set; }
    /// <summary>Who made it champion last: an admin's id, or null when a retraining run promoted it.</summary>
    public Guid? PromotedBy { get; set; }
    public DateTime? RetiredAt { get; set; }
    public Guid? RetiredBy { get; set; }
    /// <summary>Set when a rollback took it off: rollbacks then skip it, until it is promoted again.</summary>
    public DateTime? RolledBackAt { get; set; }
}

/// <summary>
/// The registry's history: every registration, promotion and rollback with who did it (null: a scheduled or
/// on-demand retraining run's own decision) and why.
/// </summary>
public sealed class ModelEvent
{
    public long Id { get; set; }
    public string Kind { get; set; } = "";
    /// <summary>registered, promoted, rolled-back.</summary>
    public string Action { get; set; } = "";
    public int Version { get; set; }
    /// <summary>The champion it replaced (promotion, rollback).</summary>
    public int? PreviousChampion { get; set; }
    public Guid? ActorId { get; set; }
    public DateTime At { get; set; }
    public string Reason { get; set; } = "";
}

/// <summary>
/// An immutable snapshot of the verified beats and the standard training set, content-addressed: <see cref="Id"/> is
/// the SHA-256 of a canonical serialisation of its inputs (<see cref="DatasetIdentity"/>), so the same inputs give the
/// same id. Its folder (format einthoven-verified-beats/1) is <c>DATAFOLDER/datasets/ID/</c>, already de-identified.
/// </summary>
public sealed class DatasetVersion
{
    public string Id { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    /// <summary>The admin who asked for it, or null for a retraining run.</summary>
    public Guid? CreatedBy { get; set; }
    /// <summary>The standard training set, e.g. "mitdb DS1: 101 106 ...".</summary>
    public string Standard { get; set; } = "";
    public int Recordings { get; set; }
    public int Patients { get; set; }
    public int HoldoutRecordings { get; set; }
    public int Beats { get; set; }
    public int HoldoutBeats { get; set; }
    /// <summary>Beats left out because the cardiologists of a recording disagreed on them.</summary>
    public int Disagreements { get; set; }
    /// <summary>Completed physician beat sets read.</summary>
    public int VerificationSets { get; set; }
}

public enum RunStatus { Running, Succeeded, Failed }

/// <summary>One retraining run: its dataset, the trainer's outcome, the metrics and the decision with its reason.</summary>
public sealed class RetrainingRun
{
    public Guid Id { get; set; }
    /// <summary>"schedule" or "admin".</summary>
    public string Trigger { get; set; } = "";
    public Guid? RequestedBy { get; set; }
    public string? DatasetVersionId { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? EndedAt { get; set; }
    public RunStatus Status { get; set; }
    public int? ChampionVersion { get; set; }
    public int? ChallengerVersion { get; set; }
    /// <summary>The trainer's report.json.</summary>
    public string? MetricsJson { get; set; }
    /// <summary>promoted, rejected, or null when the run failed before a decision.</summary>
    public string? Decision { get; set; }
    public string Reason { get; set; } = "";
    public int? ExitCode { get; set; }
    /// <summary>The last lines of the trainer's standard error.</summary>
    public string? StderrTail { get; set; }
}

/// <summary>
/// Which recording a dataset version's record is: kept in the server only (never exported), so that an export is
/// audited for each patient whose de-identified data it carries.
/// </summary>
public sealed class DatasetRecording
{
    public string DatasetVersionId { get; set; } = "";
    public string RecordName { get; set; } = "";
    public Guid RecordingId { get; set; }
    public Guid PatientId { get; set; }
    public bool Holdout { get; set; }
    public int Beats { get; set; }
}
