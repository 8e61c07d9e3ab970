using System.Collections.Concurrent;
using Einthoven.Server.Notifications;

namespace Einthoven.Server.Tests.Hosting;

/// <summary>
/// A stand-in for the notification outbox in tests: it keeps what was enqueued and withdrawn so that a test can
/// assert it. The test hosts register it only when the server has no <see cref="INotificationQueue"/> of its own.
/// </summary>
public sealed class RecordingNotifications : INotificationQueue
{
    public sealed record Sent(Guid UserId, string Kind, IReadOnlyDictionary<string, string> Values, DateTimeOffset? DueAt, string? Key);

    public ConcurrentQueue<Sent> Enqueued { get; } = new();
    public ConcurrentQueue<string> Cancelled { get; } = new();

    public Task EnqueueAsync(Guid userId, string kind, IReadOnlyDictionary<string, string> values, DateTimeOffset? dueAt = null, string? key = null, CancellationToken ct = default)
    {
        Enqueued.Enqueue(new Sent(userId, kind, values.ToDictionary(), dueAt, key));
        return Task.CompletedTask;
    }

    public Task CancelAsync(string keyPrefix, CancellationToken ct = default)
    {
        Cancelled.Enqueue(keyPrefix);
        return Task.CompletedTask;
    }

    /// <summary>What was enqueued for one booking, in order.</summary>
    public List<Sent> Of(Guid bookingId) => Enqueued.Where(n => n.Values.TryGetValue("bookingId", out var id) && id == bookingId.ToString()).ToList();
}
