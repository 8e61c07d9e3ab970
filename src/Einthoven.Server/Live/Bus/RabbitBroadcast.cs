using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Einthoven.Server.Monitoring;
using Microsoft.AspNetCore.SignalR;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Einthoven.Server.Live.Bus;

/// <summary>
/// The scale-out broadcast: alerts go to every process (fanout) and each relays them to its dashboards; live samples go
/// by patient only to processes whose dashboards watch that patient. Each process announces the patients it watches
/// every few seconds (<c>einthoven.watch</c>), so the analysing process publishes samples only for watched patients.
/// </summary>
public sealed class RabbitBroadcast(RabbitMqBus bus, IHubContext<LiveHub> hub, LiveWatchers watchers, ILogger<RabbitBroadcast> log)
    : BackgroundService, ILiveBroadcast
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan Announce = TimeSpan.FromSeconds(2), Forget = TimeSpan.FromSeconds(7);
    private readonly Channel<(string Exchange, string Key, byte[] Body)> _outbox = Channel.CreateUnbounded<(string, string, byte[])>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<Guid, DateTime> _watchedElsewhere = new();
    private readonly HashSet<Guid> _bound = [];

    public void Alert(Guid organisationId, AlertView alert) =>
        _outbox.Writer.TryWrite((RabbitMqBus.Alerts, "", JsonSerializer.SerializeToUtf8Bytes(new AlertMessage(organisationId, alert), Json)));

    public void Samples(LiveSamplesView samples)
    {
        if (watchers.AnyWatching(samples.PatientId) || _watchedElsewhere.TryGetValue(samples.PatientId, out var until) && until > DateTime.UtcNow)
            _outbox.Writer.TryWrite((RabbitMqBus.Samples, samples.PatientId.ToString(), JsonSerializer.SerializeToUtf8Bytes(samples, Json)));
    }

    private sealed record AlertMessage(Guid OrganisationId, AlertView Alert);

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        await using var publish = await bus.Connection.CreateChannelAsync(cancellationToken: ct);
        await using var listen = await bus.Connection.CreateChannelAsync(cancellationToken: ct);
        var alerts = (await listen.QueueDeclareAsync(cancellationToken: ct)).QueueName;
        await listen.QueueBindAsync(alerts, RabbitMqBus.Alerts, "", cancellationToken: ct);
        var samples = (await listen.QueueDeclareAsync(cancellationToken: ct)).QueueName;
        var watch = (await listen.QueueDeclareAsync(cancellationToken: ct)).QueueName;
        await listen.QueueBindAsync(watch, RabbitMqBus.Watch, "", cancellationToken: ct);
        var consumer = new AsyncEventingBasicConsumer(listen);
        consumer.ReceivedAsync += (_, d) => RelayAsync(d);
        foreach (var queue in new[] { alerts, samples, watch }) await listen.BasicConsumeAsync(queue, autoAck: true, consumer, ct);
        var announce = AnnounceAsync(publish, listen, samples, ct);
        await foreach (var (exchange, key, body) in _outbox.Reader.ReadAllAsync(ct))
        {
            try { await publish.BasicPublishAsync(exchange, key, body, ct); }
            catch (Exception e) when (!ct.IsCancellationRequested) { log.LogWarning("broadcast to {Exchange} failed: {Error}", exchange, e.GetType().Name); }
        }
        await announce;
    }

    /// <summary>Every few seconds: bind this process's samples queue to the patients its dashboards watch, and tell the others.</summary>
    private async Task AnnounceAsync(IChannel publish, IChannel listen, string samples, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var watched = watchers.Watched().ToHashSet();
                foreach (var p in watched.Where(_bound.Add).ToList()) await listen.QueueBindAsync(samples, RabbitMqBus.Samples, p.ToString(), cancellationToken: ct);
                foreach (var p in _bound.Where(p => !watched.Contains(p)).ToList())
                {
                    await listen.QueueUnbindAsync(samples, RabbitMqBus.Samples, p.ToString(), cancellationToken: ct);
                    _bound.Remove(p);
                }
                if (watched.Count > 0) _outbox.Writer.TryWrite((RabbitMqBus.Watch, "", JsonSerializer.SerializeToUtf8Bytes(watched, Json)));
                await Task.Delay(Announce, ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                log.LogWarning("watch announcement failed: {Error}", e.GetType().Name);
                await Task.Delay(Announce, ct);
            }
        }
    }

    private async Task RelayAsync(BasicDeliverEventArgs d)
    {
        try
        {
            switch (d.Exchange)
            {
                case RabbitMqBus.Alerts:
                    var a = JsonSerializer.Deserialize<AlertMessage>(d.Body.Span, Json)!;
                    await hub.Clients.Group(LiveHub.OrganisationGroup(a.OrganisationId)).SendAsync("alert", a.Alert);
                    break;
                case RabbitMqBus.Samples:
                    var s = JsonSerializer.Deserialize<LiveSamplesView>(d.Body.Span, Json)!;
                    await hub.Clients.Group(LiveHub.PatientGroup(s.PatientId)).SendAsync("samples", s);
                    break;
                case RabbitMqBus.Watch:
                    var until = DateTime.UtcNow + Forget;
                    foreach (var p in JsonSerializer.Deserialize<Guid[]>(d.Body.Span, Json)!) _watchedElsewhere[p] = until;
                    break;
            }
        }
        catch (Exception e) { log.LogWarning("relaying a broadcast failed: {Error}", e.GetType().Name); }
    }
}
