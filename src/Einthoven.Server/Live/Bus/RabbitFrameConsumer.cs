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

    /// <summary>
    /// Hands the frame to the analysis and returns at once, so that the partition's next frames flow while it is
    /// analysed (the analysis keeps each stream's frames in order); the broker hears the acknowledgement when the frame
    /// is analysed and its alerts stored.
    /// </summary>
    private Task HandleAsync(IChannel channel, BasicDeliverEventArgs delivery, CancellationToken ct)
    {
        Task analysed;
        try
        {
            var message = FrameMessage.Parse(delivery.Body);
            analysed = message.Data is null ? analysis.EndAsync(message.StreamId) : analysis.ProcessAsync(message.Frame());
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or ArgumentException)
        {
            log.LogWarning("a malformed frame message was dropped ({Error})", e.GetType().Name);
            analysed = Task.CompletedTask;
        }
        var tag = delivery.DeliveryTag;
        _ = analysed.ContinueWith(async _ =>
        {
            try { await channel.BasicAckAsync(tag, false, ct); }
            catch (Exception e) when (!ct.IsCancellationRequested) { log.LogWarning("acknowledging a frame to the broker failed ({Error}); it will be redelivered", e.GetType().Name); }
        }, TaskScheduler.Default);
        return Task.CompletedTask;
    }
}
