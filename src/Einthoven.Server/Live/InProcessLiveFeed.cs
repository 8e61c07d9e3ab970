namespace Einthoven.Server.Live;

/// <summary>The embedded profile's feed: stored frames go to this process's subscribers (live analysis, dashboards).</summary>
public sealed class InProcessLiveFeed : ILiveFeed
{
    private readonly List<ILiveFeedSubscriber> _subscribers = [];

    public void Subscribe(ILiveFeedSubscriber subscriber)
    {
        lock (_subscribers) _subscribers.Add(subscriber);
    }

    public void Publish(IReadOnlyList<StoredFrame> frames)
    {
        foreach (var s in Subscribers()) s.OnFrames(frames);
    }

    public void Ended(Guid streamId)
    {
        foreach (var s in Subscribers()) s.OnEnded(streamId);
    }

    private ILiveFeedSubscriber[] Subscribers()
    {
        lock (_subscribers) return _subscribers.ToArray();
    }
}

/// <summary>What consumes stored frames (the live analysis).</summary>
public interface ILiveFeedSubscriber
{
    void OnFrames(IReadOnlyList<StoredFrame> frames);
    void OnEnded(Guid streamId);
}
