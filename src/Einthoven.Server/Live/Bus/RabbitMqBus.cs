using RabbitMQ.Client;

namespace Einthoven.Server.Live.Bus;

/// <summary>
/// The scale-out profile's broker connection and topology, declared by every server process (idempotent):
/// <list type="bullet">
/// <item><c>einthoven.frames</c> (direct) to <see cref="Partitions"/> quorum queues <c>einthoven.frames.K</c>, each
/// with a single active consumer: a stream always goes to one partition, so exactly one process analyses it at a time,
/// and when that process dies the broker hands the partition, with its unacknowledged frames, to another.</item>
/// <item><c>einthoven.alerts</c> (fanout): alerts to every process, which relays them to its dashboards.</item>
/// <item><c>einthoven.samples</c> (direct, by patient): live samples to the processes whose dashboards watch the patient.</item>
/// <item><c>einthoven.watch</c> (fanout): which patients each process's dashboards watch.</item>
/// </list>
/// </summary>
public sealed class RabbitMqBus(IConnection connection, int partitions) : IAsyncDisposable
{
    public const string Frames = "einthoven.frames", Alerts = "einthoven.alerts", Samples = "einthoven.samples", Watch = "einthoven.watch";

    public IConnection Connection { get; } = connection;
    public int Partitions { get; } = partitions;

    public static string PartitionQueue(int k) => $"{Frames}.{k}";

    public int PartitionOf(Guid stream) => (int)((uint)stream.GetHashCode() % (uint)Partitions);

    public static async Task<RabbitMqBus> ConnectAsync(string uri, int partitions, string processName, CancellationToken ct)
    {
        var factory = new ConnectionFactory
        {
            Uri = new Uri(uri), AutomaticRecoveryEnabled = true, TopologyRecoveryEnabled = true,
            NetworkRecoveryInterval = TimeSpan.FromSeconds(1), ClientProvidedName = processName,
        };
        var connection = await factory.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        await channel.ExchangeDeclareAsync(Frames, ExchangeType.Direct, durable: true, autoDelete: false, cancellationToken: ct);
        for (var k = 0; k < partitions; k++)
        {
            await channel.QueueDeclareAsync(PartitionQueue(k), durable: true, exclusive: false, autoDelete: false,
                arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum", ["x-single-active-consumer"] = true }, cancellationToken: ct);
            await channel.QueueBindAsync(PartitionQueue(k), Frames, k.ToString(), cancellationToken: ct);
        }
        await channel.ExchangeDeclareAsync(Alerts, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: ct);
        await channel.ExchangeDeclareAsync(Samples, ExchangeType.Direct, durable: true, autoDelete: false, cancellationToken: ct);
        await channel.ExchangeDeclareAsync(Watch, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: ct);
        return new RabbitMqBus(connection, partitions);
    }

    public async ValueTask DisposeAsync()
    {
        try { await Connection.CloseAsync(); } catch (Exception) { /* the broker is gone already */ }
        Connection.Dispose();
    }
}
