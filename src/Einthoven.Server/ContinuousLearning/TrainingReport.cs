using System.Globalization;
using System.Text.Json;

namespace Einthoven.Server.ContinuousLearning;

/// <summary>
/// The trainer's report.json (<c>einthoven train beats --with-verified ... --report</c>): champion and challenger on the
/// holdout by the pre-registered metric, the difference, its bootstrap 95% CI, the margin required and the trainer's
/// decision. <see cref="Parse"/> refuses a report that lacks a figure the decision needs, naming it.
/// </summary>
public sealed record TrainingReport(
    string Dataset, string Metric, string Margin, int HoldoutRecords, int HoldoutBeats,
    string ChampionSha256, double ChampionValue, IReadOnlyDictionary<string, double> ChampionF1,
    string ChallengerSha256, double ChallengerValue, IReadOnlyDictionary<string, double> ChallengerF1, string? ChallengerCard,
    double Difference, double Ci95Low, double Ci95High, double Required, bool Promote, string Reason,
    double TrainingSeconds, int StandardBeats, int VerifiedBeats)
{
    public static TrainingReport Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var champion = Get(root, "champion");
        var challenger = Get(root, "challenger");
        var holdout = Get(root, "holdout");
        var ci = Get(root, "ci95");
        if (ci.ValueKind != JsonValueKind.Array || ci.GetArrayLength() != 2) throw new FormatException("ci95: must be [low, high]");
        return new TrainingReport(
            Text(root, "dataset"), Text(root, "metric"), Get(root, "margin").ToString(), Count(Get(holdout, "records")), Count(Get(holdout, "beats")),
            Text(champion, "weights_sha256"), Number(champion, "value"), F1(champion),
            Text(challenger, "weights_sha256"), Number(challenger, "value"), F1(challenger),
            challenger.TryGetProperty("card", out var card) && card.ValueKind == JsonValueKind.String ? card.GetString() : null,
            Number(root, "difference"), Finite(ci[0], "ci95[0]"), Finite(ci[1], "ci95[1]"), Number(root, "required"),
            Get(root, "promote").ValueKind == JsonValueKind.True, Optional(root, "reason") ?? "",
            OptionalNumber(root, "training_seconds"), (int)OptionalNumber(root, "standard_beats"), (int)OptionalNumber(root, "verified_beats"));
    }

    public RunMetricsView View() => new(Metric, Margin, HoldoutRecords, HoldoutBeats, ChampionValue, ChallengerValue, ChampionF1, ChallengerF1,
        Difference, Ci95Low, Ci95High, Required, Promote, Reason, TrainingSeconds, StandardBeats, VerifiedBeats);

    /// <summary>The figures a registered challenger keeps as its metrics.</summary>
    public Dictionary<string, double> ChallengerMetrics() => new(ChallengerF1.Select(f => KeyValuePair.Create($"holdout_f1_{f.Key}", f.Value)))
    {
        [$"holdout_{Metric}"] = ChallengerValue, ["champion_holdout_" + Metric] = ChampionValue, ["difference"] = Difference,
        ["ci95_low"] = Ci95Low, ["ci95_high"] = Ci95High, ["required"] = Required,
    };

    private static JsonElement Get(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) ? v : throw new FormatException($"{name}: missing");

    private static string Text(JsonElement e, string name) =>
        Get(e, name) is { ValueKind: JsonValueKind.String } v ? v.GetString()! : throw new FormatException($"{name}: must be a string");

    private static string? Optional(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static double Number(JsonElement e, string name) => Finite(Get(e, name), name);

    private static double OptionalNumber(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : 0;

    private static double Finite(JsonElement v, string name) =>
        v.ValueKind == JsonValueKind.Number && double.IsFinite(v.GetDouble()) ? v.GetDouble() : throw new FormatException($"{name}: must be a finite number");

    /// <summary>A list (its length) or a number.</summary>
    private static int Count(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Array => v.GetArrayLength(),
        JsonValueKind.Number => v.GetInt32(),
        _ => throw new FormatException("holdout: records and beats must be lists or numbers"),
    };

    private static Dictionary<string, double> F1(JsonElement side) =>
        side.TryGetProperty("f1", out var f1) && f1.ValueKind == JsonValueKind.Object
            ? f1.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Number).ToDictionary(p => p.Name, p => p.Value.GetDouble())
            : [];

    public static string Format(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);
}
