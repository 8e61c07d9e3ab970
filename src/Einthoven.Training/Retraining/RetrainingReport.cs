using System.Text.Json;
using System.Text.Json.Serialization;

namespace Einthoven.Training.Retraining;

/// <summary>The holdout: its records (MIT-BIH, then the dataset's) and their reference beats.</summary>
public sealed record HoldoutSummary(IReadOnlyList<string> Records, long Beats);

/// <summary>A model on the holdout: its weights' SHA-256, the metric, the F1 of N, S and V, and its card.</summary>
public sealed record ModelScore(string WeightsSha256, double Value, IReadOnlyDictionary<string, double> F1, string Card);

/// <summary>
/// What a retraining run decided and why: the report the server reads to promote (or not). Its JSON
/// (<see cref="ToJson"/>) is a contract: fields may be added, never renamed.
/// </summary>
public sealed record RetrainingReport
{
    public required string Dataset { get; init; }
    public string Metric { get; init; } = HoldoutMetric.Name;
    public required string Margin { get; init; }
    public required HoldoutSummary Holdout { get; init; }
    public required ModelScore Champion { get; init; }
    public required ModelScore Challenger { get; init; }
    public required double Difference { get; init; }
    /// <summary>[low, high] of the bootstrap 95 % interval of the difference.</summary>
    public required double[] Ci95 { get; init; }
    public required double Required { get; init; }
    public required bool Promote { get; init; }
    public required string Reason { get; init; }
    public required double TrainingSeconds { get; init; }
    public required long StandardBeats { get; init; }
    public required long VerifiedBeats { get; init; }
    public required IReadOnlyList<string> StandardRecords { get; init; }
    /// <summary>The dataset's records trained on (its holdout records are in <see cref="Holdout"/>).</summary>
    public required IReadOnlyList<string> VerifiedRecords { get; init; }
    public required int Bootstrap { get; init; }
    public required ulong Seed { get; init; }
    public required double ElapsedSeconds { get; init; }

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.Strict,
        // The reason reads "difference 0.030 > CI half-width 0.020", not "\u003E".
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public void Save(string path)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory) Directory.CreateDirectory(directory);
        File.WriteAllText(path, ToJson() + "\n");
    }

    public static RetrainingReport Parse(string json) =>
        JsonSerializer.Deserialize<RetrainingReport>(json, Json) ?? throw new JsonException("empty retraining report");
}
