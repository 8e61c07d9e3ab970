using Einthoven.Server.Monitoring;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Einthoven.Server.Live.Bus;

/// <summary>
/// Consumes every frame partition (the broker makes this process the active consumer of some of them) and feeds the
/// live analysis. A frame is acknowledged to the broker only once analysed and its alerts stored, so a process killed
/// mid-way leaves it to the partition's next consumer.
/// </summary>
public sealed class RabbitFrameConsumer(RabbitMqBus bus, LiveAnalysis analysis, ILogger<RabbitFrameConsumer> log) : BackgroundService
{
    private const ushort Prefetch = 256;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var channels = new List<IChannel>();
        try
        {
            for (var k = 0; k < bus.Partitions; k++)
            {
                var channel = await bus.Connection.CreateChannelAsync(cancellationToken: stoppingToken);
                channels.Add(channel);
                await channel.BasicQosAsync(0, Prefetch, false, stoppingToken);
                var consumer = new AsyncEventingBasicConsumer(channel);
                consumer.ReceivedAsync += (_, delivery) => HandleAsync(channel, delivery, stoppingToken);
                await channel.BasicConsumeAsync(RabbitMqBus.PartitionQueue(k), autoAck: false, consumer, stoppingToken);
            }
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException) { }
        finally
        {
            foreach (var channel in channels) await channel.DisposeAsync();
        }
    }

    private async Task HandleAsync(IChannel channel, BasicDeliverEventArgs delivery, CancellationToken ct)
    {
        try
        {
            var message = FrameMessage.Parse(delivery.Body);
            if (message.Data is null) await analysis.EndAsync(message.StreamId);
            else await analysis.ProcessAsync(message.Frame());
            await channel.BasicAckAsync(delivery.DeliveryTag, false, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            log.LogWarning("a frame from the broker could not be analysed ({Error}); it is acknowledged and left to catch-up", e.GetType().Name);
            await channel.BasicAckAsync(delivery.DeliveryTag, false, ct);
        }
    }
}
