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
    private readonly Channel<FrameMessage> _outbox = Channel.CreateUnbounded<FrameMessage>(new UnboundedChannelOptions { SingleReader = true });

    public void Publish(IReadOnlyList<StoredFrame> frames)
    {
        foreach (var f in frames) _outbox.Writer.TryWrite(FrameMessage.Of(f));
    }

    public void Ended(Guid streamId) => _outbox.Writer.TryWrite(FrameMessage.Ended(streamId));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var channel = await bus.Connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), stoppingToken);
        var properties = new BasicProperties { Persistent = true };
        await foreach (var message in _outbox.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await channel.BasicPublishAsync(RabbitMqBus.Frames, bus.PartitionOf(message.StreamId).ToString(), false, properties, message.Serialize(), stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning("publishing frame {Sequence} of stream {Stream} failed ({Error}); the analysis reads it from storage", message.Sequence, message.StreamId, e.GetType().Name);
            }
        }
    }
}
