using System.Threading.Channels;
using RabbitMQ.Client;

namespace Einthoven.Server.Live.Bus;

/// <summary>
/// The scale-out feed: stored frames are published to their stream's partition (with publisher confirms, from one
/// background loop, so that the ingest path never waits on the broker). The database stays the record: a frame whose
/// publication is lost (this process dies between commit and publish) is read back from storage by the analysing
/// process when the next frame of the stream shows the gap (<see cref="Monitoring.LiveAnalysis"/>).
/// </summary>
public sealed class RabbitLiveFeed(RabbitMqBus bus, ILogger<RabbitLiveFeed> log) : BackgroundService, ILiveFeed
{
    private const int MaxBatch = 500;
    private readonly Channel<FrameMessage> _outbox = Channel.CreateUnbounded<FrameMessage>(new UnboundedChannelOptions { SingleReader = true });

    public void Publish(IReadOnlyList<StoredFrame> frames)
    {
        foreach (var f in frames) _outbox.Writer.TryWrite(FrameMessage.Of(f));
    }

    public void Ended(Guid streamId) => _outbox.Writer.TryWrite(FrameMessage.Ended(streamId));

    private Task Publish(IChannel channel, BasicProperties properties, FrameMessage m, CancellationToken ct)
    {
        try { return channel.BasicPublishAsync(RabbitMqBus.Frames, bus.PartitionOf(m.StreamId).ToString(), false, properties, m.Serialize(), ct).AsTask(); }
        catch (Exception e) { return Task.FromException(e); }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var channel = await bus.Connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), stoppingToken);
        var properties = new BasicProperties { Persistent = true };
        var batch = new List<FrameMessage>(MaxBatch);
        while (await _outbox.Reader.WaitToReadAsync(stoppingToken))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _outbox.Reader.TryRead(out var m)) batch.Add(m);
            // Published together, confirmed together: one round trip per batch, not per frame.
            var confirms = batch.Select(m => (m, Confirm: Publish(channel, properties, m, stoppingToken))).ToList();
            foreach (var (m, confirm) in confirms)
            {
                try { await confirm; }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    log.LogWarning("publishing frame {Sequence} of stream {Stream} failed ({Error}); the analysis reads it from storage", m.Sequence, m.StreamId, e.GetType().Name);
                }
            }
        }
    }
}
