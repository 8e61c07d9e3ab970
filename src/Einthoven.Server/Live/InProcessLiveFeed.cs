namespace Einthoven.Server.Live;

/// <summary>The embedded profile's feed: stored frames go to this process's subscribers (live analysis, dashboards).</summary>
public sealed class InProcessLiveFeed : ILiveFeed
{
    private readonly List<Action<IReadOnlyList<StoredFrame>>> _subscribers = [];

    public void Subscribe(Action<IReadOnlyList<StoredFrame>> subscriber)
    {
        lock (_subscribers) _subscribers.Add(subscriber);
    }

    public void Publish(IReadOnlyList<StoredFrame> frames)
    {
        Action<IReadOnlyList<StoredFrame>>[] subscribers;
        lock (_subscribers) subscribers = _subscribers.ToArray();
        foreach (var s in subscribers) s(frames);
    }
}
