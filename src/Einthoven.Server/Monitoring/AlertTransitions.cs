using Einthoven.Server.Storage;

namespace Einthoven.Server.Monitoring;

/// <summary>What staff may do with an alert in each state, and the trail entry each step leaves.</summary>
public static class AlertTransitions
{
    public static readonly string[] Actions = ["acknowledge", "escalate", "resolve"];

    public static AlertState? Next(AlertState state, string action) => (state, action) switch
    {
        (AlertState.Open, "acknowledge") => AlertState.Acknowledged,
        (AlertState.Open or AlertState.Acknowledged, "escalate") => AlertState.Escalated,
        (AlertState.Escalated, "dispatch") => AlertState.Dispatched,
        (not AlertState.Resolved, "resolve") => AlertState.Resolved,
        _ => null,
    };

    public static string PastTense(string action) => action switch
    {
        "acknowledge" => "acknowledged",
        "escalate" => "escalated",
        "dispatch" => "dispatched",
        _ => "resolved",
    };

    /// <summary>Moves the alert to <paramref name="next"/> and writes the trail entry, in one save.</summary>
    public static async Task ApplyAsync(AppDb db, LiveAlert alert, AlertState next, string action, Guid actor, string note, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        alert.State = next;
        alert.UpdatedAt = now;
        db.AlertActions.Add(new AlertAction { Id = Guid.NewGuid(), AlertId = alert.Id, ActorId = actor, Action = action, Note = note.Trim(), At = now });
        await db.SaveChangesAsync(ct);
    }
}
