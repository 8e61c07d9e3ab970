using System.Text.Json;
using Einthoven.Learning.Serialization;
using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.ContinuousLearning;

/// <summary>Turns registry, dataset and run rows into their API views, naming admins by e-mail.</summary>
public static class LearningViews
{
    public static async Task<Dictionary<Guid, string>> EmailsAsync(AppDb db, IEnumerable<Guid?> ids, CancellationToken ct)
    {
        var wanted = ids.OfType<Guid>().Distinct().ToList();
        return wanted.Count == 0 ? [] : await db.Users.AsNoTracking().Where(u => wanted.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email ?? "", ct);
    }

    public static ModelVersionView Of(RegisteredModel m, IReadOnlyDictionary<Guid, string> emails)
    {
        var (name, version) = CardNameAndVersion(m.CardJson);
        return new ModelVersionView(m.Version, m.Kind, m.Status, m.WeightsSha256, name, version, m.DatasetVersionId, Metrics(m.MetricsJson),
            m.CreatedAt, m.RunId, m.PromotedAt, By(m.PromotedBy, emails), m.RetiredAt, By(m.RetiredBy, emails), m.RolledBackAt is not null);
    }

    public static ModelEventView Of(ModelEvent e, IReadOnlyDictionary<Guid, string> emails) =>
        new(e.Action, e.Version, e.PreviousChampion, By(e.ActorId, emails), e.At, e.Reason);

    public static DatasetVersionView Of(DatasetVersion d) =>
        new(d.Id, d.CreatedAt, d.Standard, d.Recordings, d.Patients, d.HoldoutRecordings, d.Beats, d.HoldoutBeats, d.Disagreements, d.VerificationSets);

    public static RetrainingRunView Of(RetrainingRun r, IReadOnlyDictionary<Guid, string> emails)
    {
        RunMetricsView? metrics = null;
        if (r.MetricsJson is { } json)
            try { metrics = TrainingReport.Parse(json).View(); }
            catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException) { }
        return new RetrainingRunView(r.Id, r.Trigger, By(r.RequestedBy, emails), r.DatasetVersionId, r.StartedAt, r.EndedAt, r.Status,
            r.ChampionVersion, r.ChallengerVersion, metrics, r.Decision, r.Reason, r.ExitCode, r.StderrTail);
    }

    private static string? By(Guid? id, IReadOnlyDictionary<Guid, string> emails) => id is { } x ? emails.GetValueOrDefault(x, x.ToString()) : null;

    private static Dictionary<string, double> Metrics(string json)
    {
        try { return JsonSerializer.Deserialize<Dictionary<string, double>>(json) ?? []; }
        catch (JsonException) { return []; }
    }

    private static (string Name, string Version) CardNameAndVersion(string cardJson)
    {
        try
        {
            using var doc = JsonDocument.Parse(cardJson);
            return (doc.RootElement.GetProperty("name").GetString() ?? "", doc.RootElement.GetProperty("version").GetString() ?? "");
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException) { return ("", ""); }
    }
}
