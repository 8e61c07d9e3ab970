namespace Einthoven.Server.ContinuousLearning;

/// <summary>A model version in the registry. Metrics: the run's holdout figures for a retrained model, the card's for the shipped one.</summary>
public sealed record ModelVersionView(
    int Version, string Kind, ModelStatus Status, string WeightsSha256, string CardName, string CardVersion, string? DatasetVersionId,
    IReadOnlyDictionary<string, double> Metrics, DateTime CreatedAt, Guid? RunId, DateTime? PromotedAt, string? PromotedBy,
    DateTime? RetiredAt, string? RetiredBy, bool RolledBack);

/// <summary>A registration, promotion or rollback; <c>by</c> is the admin's e-mail, or null for a retraining run's own decision.</summary>
public sealed record ModelEventView(string Action, int Version, int? PreviousChampion, string? By, DateTime At, string Reason);

/// <summary>The registry of one kind of model: the versions (newest first), the one the analysis runs now, and the history.</summary>
public sealed record ModelRegistryView(string Kind, int ChampionVersion, string RunningAnalyzer, IReadOnlyList<ModelVersionView> Versions,
    IReadOnlyList<ModelEventView> Events);

/// <summary>Why an admin promotes or rolls back (kept in the registry's history).</summary>
public sealed record ModelChangeRequest(string? Reason);

/// <summary>A dataset version: counts only (researchers see no recording).</summary>
public sealed record DatasetVersionView(string Id, DateTime CreatedAt, string Standard, int Recordings, int Patients, int HoldoutRecordings,
    int Beats, int HoldoutBeats, int Disagreements, int VerificationSets);

/// <summary>The figures of a run's report.json: champion and challenger on the holdout, and the trainer's own decision.</summary>
public sealed record RunMetricsView(
    string Metric, string Margin, int HoldoutRecords, int HoldoutBeats, double ChampionValue, double ChallengerValue,
    IReadOnlyDictionary<string, double> ChampionF1, IReadOnlyDictionary<string, double> ChallengerF1, double Difference,
    double Ci95Low, double Ci95High, double Required, bool TrainerPromote, string TrainerReason, double TrainingSeconds, int StandardBeats, int VerifiedBeats);

/// <summary>A retraining run with its decision and reason; <c>requestedBy</c> is the admin's e-mail, or null for a scheduled run.</summary>
public sealed record RetrainingRunView(
    Guid Id, string Trigger, string? RequestedBy, string? DatasetVersionId, DateTime StartedAt, DateTime? EndedAt, RunStatus Status,
    int? ChampionVersion, int? ChallengerVersion, RunMetricsView? Metrics, string? Decision, string Reason, int? ExitCode, string? StderrTail);
