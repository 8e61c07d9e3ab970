using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Einthoven.Signal.Formats;

namespace Einthoven.Devices;

/// <summary>
/// One simulated monitoring device: streams a record's samples to /api/live/ingest in frames, paced at the chosen
/// speed, keeps every frame until the server acknowledges it, and after a dropped connection (or a server that went
/// away: it tries the next server given) reconnects, resumes the same stream and resends from the server's next
/// expected frame, so that the stored stream has no gap and no duplicate. Frames carry the device clock (Unix ms).
/// </summary>
/// <param name="connect">Opens the WebSocket (default: a network <see cref="ClientWebSocket"/>; tests pass an in-process one).</param>
public sealed class DeviceStreamer(IReadOnlyList<Uri> servers, string token, ISignalReader record, DeviceSimulation options,
    Func<Uri, CancellationToken, Task<WebSocket>>? connect = null)
{
    /// <summary>Connections in a row that may fail (server restarting, network down) before the device gives up.</summary>
    public const int MaxFailedConnections = 40;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Random _random = new(options.Seed);
    private readonly List<double> _ackMs = [];
    private readonly Dictionary<long, long> _sentAt = [];
    private long _acked = -1, _resent, _next;
    private int _connections, _replays, _failedInARow;
    private double? _nextDrop = options.ReconnectEverySeconds;
    private Guid? _stream, _recording;

    public async Task<DeviceReport> RunAsync(IProgress<long>? acknowledged = null, CancellationToken ct = default)
    {
        var info = record.Info;
        var perFrame = Math.Max(1, (int)Math.Round(options.FrameSeconds * info.SamplingFrequency));
        var total = options.MaxSeconds is { } s ? Math.Min(info.SampleCount, (long)(s * info.SamplingFrequency)) : info.SampleCount;
        var frames = (total + perFrame - 1) / perFrame;
        var clock = Stopwatch.StartNew();
        string? failure = null;
        while (failure is null)
        {
            var server = servers[(_connections + _failedInARow) % servers.Count];
            try
            {
                if (await ConnectionAsync(server, frames, perFrame, total, clock, acknowledged, ct)) break;
                _failedInARow = 0;
            }
            catch (StreamRefused e)
            {
                failure = e.Message;
            }
            // A send racing the receive loop's abort on a reset connection ends in an OperationCanceledException (the
            // socket is already aborted), not an IOException: a lost connection too, unless the caller cancelled.
            catch (Exception e) when (e is IOException or WebSocketException or HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                if (++_failedInARow >= MaxFailedConnections) failure = $"gave up after {MaxFailedConnections} failed connections: {e.Message}";
                else await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2000, 50 * _failedInARow)), ct);
            }
        }
        List<double> latencies;
        lock (_ackMs) latencies = [.. _ackMs];
        var acked = Interlocked.Read(ref _acked) + 1;
        return new DeviceReport(info.Name, _stream, _recording, frames, acked, Math.Min(total, acked * perFrame), _resent, _connections, _replays, latencies, failure);
    }

    /// <summary>One connection: hello, resume where the server says, send until done or dropped. True when the stream ended.</summary>
    private async Task<bool> ConnectionAsync(Uri server, long frames, int perFrame, long total, Stopwatch clock, IProgress<long>? acknowledged, CancellationToken ct)
    {
        var info = record.Info;
        using var socket = await (connect ?? ConnectAsync)(IngestUri(server), ct);
        _connections++;
        await SendAsync(socket, Hello(), ct);
        var ready = await ReceiveAsync(socket, ct);
        if (ready is null) throw Closed(socket, "before ready");
        _stream = ready.Value.GetProperty("stream").GetGuid();
        var resumeAt = ready.Value.GetProperty("nextSequence").GetInt64();
        if (resumeAt < _next) _resent += _next - resumeAt;
        _next = resumeAt;
        Interlocked.Exchange(ref _acked, Math.Max(_acked, _next - 1));
        using var dropped = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var receiving = ReceiveAcksAsync(socket, acknowledged, dropped.Token);
        var drop = false;
        while (_next < frames && !receiving.IsCompleted && !drop)
        {
            while (_next - Interlocked.Read(ref _acked) > options.MaxUnacknowledged && !receiving.IsCompleted) await Task.Delay(1, ct);
            if (options.Speed > 0)
            {
                var due = TimeSpan.FromSeconds(_next * perFrame / info.SamplingFrequency / options.Speed);
                if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed, ct);
            }
            var start = _next * perFrame;
            var block = record.Read(start, (int)Math.Min(perFrame, total - start));
            lock (_sentAt) _sentAt[_next] = Stopwatch.GetTimestamp();
            await SendAsync(socket, new { type = "frame", seq = _next, time = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), samples = block.Samples }, ct);
            _next++;
            if (_nextDrop is { } at && _next * perFrame / info.SamplingFrequency >= at) { drop = true; _nextDrop = at + options.ReconnectEverySeconds; }
            if (options.FaultProbability > 0 && _random.NextDouble() < options.FaultProbability) drop = true;
        }
        if (drop)
        {
            socket.Abort(); // a network fault: no close handshake
            await dropped.CancelAsync();
            await receiving.ContinueWith(_ => { }, TaskScheduler.Default);
            return false;
        }
        if (_next >= frames)
        {
            while (Interlocked.Read(ref _acked) < frames - 1 && !receiving.IsCompleted) await Task.Delay(5, ct);
            if (Interlocked.Read(ref _acked) < frames - 1) { await receiving; return false; }
            await SendAsync(socket, new { type = "end" }, ct);
        }
        await receiving; // until ended, or the server's close (its reason in the exception)
        return _recording is not null || Interlocked.Read(ref _acked) >= frames - 1 && _next >= frames;
    }

    private static async Task<WebSocket> ConnectAsync(Uri uri, CancellationToken ct)
    {
        var socket = new ClientWebSocket();
        try { await socket.ConnectAsync(uri, ct); }
        catch { socket.Dispose(); throw; }
        return socket;
    }

    public static Uri IngestUri(Uri server) => new UriBuilder(server)
    {
        Scheme = server.Scheme == "https" ? "wss" : "ws",
        Path = server.AbsolutePath.TrimEnd('/') + "/api/live/ingest",
    }.Uri;

    private object Hello() => new
    {
        type = "hello", token, stream = _stream, samplingFrequency = record.Info.SamplingFrequency,
        leads = record.Info.Leads.Select(l => new { name = l.Name, gain = l.Gain }),
    };

    private async Task ReceiveAcksAsync(WebSocket socket, IProgress<long>? acknowledged, CancellationToken ct)
    {
        while (await ReceiveAsync(socket, ct) is { } message)
        {
            switch (message.GetProperty("type").GetString())
            {
                case "ack":
                    var seq = message.GetProperty("seq").GetInt64();
                    var now = Stopwatch.GetTimestamp();
                    lock (_sentAt)
                        for (var s = Interlocked.Read(ref _acked) + 1; s <= seq; s++)
                            if (_sentAt.Remove(s, out var sent)) lock (_ackMs) _ackMs.Add((now - sent) * 1000.0 / Stopwatch.Frequency);
                    Interlocked.Exchange(ref _acked, Math.Max(Interlocked.Read(ref _acked), seq));
                    acknowledged?.Report(seq + 1);
                    break;
                case "error":
                    _replays++;
                    break;
                case "ended":
                    _recording = message.TryGetProperty("recording", out var r) && r.ValueKind == JsonValueKind.String ? r.GetGuid() : null;
                    return;
            }
        }
        if (socket.CloseStatus is not WebSocketCloseStatus.NormalClosure) throw Closed(socket, "");
    }

    /// <summary>A refusal (the stream is wrong: give up) or a failure (the server went: reconnect).</summary>
    private static Exception Closed(WebSocket socket, string when) => socket.CloseStatus switch
    {
        WebSocketCloseStatus.PolicyViolation or WebSocketCloseStatus.InvalidPayloadData or WebSocketCloseStatus.MessageTooBig =>
            new StreamRefused($"the server refused the stream: {socket.CloseStatusDescription}"),
        _ => new IOException($"the server closed the connection {when} ({socket.CloseStatus} {socket.CloseStatusDescription})".Replace("  ", " ")),
    };

    private static async Task<JsonElement?> ReceiveAsync(WebSocket socket, CancellationToken ct)
    {
        var buffer = new byte[4096];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, ct);
            if (result.MessageType == WebSocketMessageType.Close) return null;
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage) return JsonDocument.Parse(message.ToArray()).RootElement.Clone();
        }
    }

    private static Task SendAsync(WebSocket socket, object message, CancellationToken ct) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(message, Json)), WebSocketMessageType.Text, true, ct);

    private sealed class StreamRefused(string message) : Exception(message);
}
