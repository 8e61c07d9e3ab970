namespace Einthoven.Server.ContinuousLearning;

/// <summary>
/// Settings under <c>Einthoven:Retraining</c> (docs/SERVER.md, "Continuous learning"): when the scheduled retraining
/// runs, how the trainer is found and launched, the standard set and the fixed holdout, and the decision's margin.
/// </summary>
public sealed class RetrainingOptions
{
    /// <summary>MIT-BIH DS1 (de Chazal 2004): the standard training set.</summary>
    public static readonly string[] Ds1 =
        ["101", "106", "108", "109", "112", "114", "115", "116", "118", "119", "122", "124", "201", "203", "205", "207", "208", "209", "215", "220", "223", "230"];

    /// <summary>
    /// MIT-BIH records never trained on, on which challenger and champion are compared: the DS2 records with an even
    /// number except 202 (the patient of DS1's 201, so the holdout stays patient-wise). It holds V beats (200, 210,
    /// 214, 228), S beats (222, 232, 234's J) and normal ones (100, 212).
    /// </summary>
    public static readonly string[] DefaultHoldout = ["100", "200", "210", "212", "214", "222", "228", "232", "234"];

    /// <summary>Whether the scheduled runs happen (on-demand runs are always possible).</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>Cron expression (5 fields, UTC) of the scheduled runs; default Sundays at 03:00.</summary>
    public string Schedule { get; set; } = "0 3 * * 0";
    /// <summary>
    /// The trainer: an <c>einthoven.dll</c> (run with <c>dotnet</c>) or an executable. Default: <c>trainer/einthoven.dll</c>
    /// next to the server's assembly (the build copies the CLI there), else <c>einthoven.dll</c> beside it.
    /// </summary>
    public string? TrainerCommand { get; set; }
    /// <summary>The MIT-BIH Arrhythmia Database folder (100.hea, ...); runs fail, saying so, while it is not set.</summary>
    public string? StandardDatabase { get; set; }
    /// <summary>
    /// The standard training set's MIT-BIH records; <see cref="Ds1"/> when none are configured (<see cref="Standard"/>).
    /// No default array here: the configuration binder appends the configured records to an array it finds.
    /// </summary>
    public string[]? StandardRecords { get; set; }
    /// <summary>The fixed MIT-BIH holdout records; <see cref="DefaultHoldout"/> when none are configured (<see cref="Holdout"/>).</summary>
    public string[]? HoldoutRecords { get; set; }
    public IReadOnlyList<string> Standard => StandardRecords ?? Ds1;
    public IReadOnlyList<string> Holdout => HoldoutRecords ?? DefaultHoldout;
    /// <summary>Share of patients whose verified recordings are held out (a keyed hash of the patient decides, once for all).</summary>
    public double HoldoutFraction { get; set; } = 0.2;
    /// <summary>"ci" (the bootstrap 95% CI half-width of the difference) or a number the difference must exceed.</summary>
    public string Margin { get; set; } = "ci";
    public int? Epochs { get; set; }
    public int? Ensemble { get; set; }
    /// <summary>Trainer threads: one of the machine's cores stays with the server.</summary>
    public int Threads { get; set; } = 1;
    public ulong? Seed { get; set; }
    /// <summary>A run still training after this is killed and recorded as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromHours(12);

    /// <summary>The pre-registered metric: mean F1 of N, S and V on the holdout.</summary>
    public const string Metric = "mean_f1_nsv";
}
