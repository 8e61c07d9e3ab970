using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Einthoven.Server.Accounts;
using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Einthoven.Server.Live;

/// <summary>
/// One device connection: hello (token, rate, leads, or the stream to resume), then frames in sequence. Each frame is
/// checked, handed to the <see cref="FrameLog"/> and acknowledged once stored; frames are read on while earlier ones
/// are being stored, up to <see cref="LiveOptions.MaxFramesInFlight"/>. A replayed frame gets an error message and is
/// ignored; a gap, a wrong lead count or malformed JSON closes the connection with the reason. Nothing stored is lost.
/// </summary>
public sealed class IngestSession(WebSocket socket, AppDb db, FrameLog frames, LiveStreamCloser closer, LiveSessions sessions,
    IOptions<ServerOptions> options, TimeProvider time, ILogger<IngestSession> log)
{
    private readonly LiveOptions _limits = options.Value.Live;
    private readonly SemaphoreSlim _send = new(1, 1);
    private static readonly TimeSpan DeviceRecheck = TimeSpan.FromSeconds(30);
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private byte[] _buffer = new byte[8 * 1024]; // grows to the largest message allowed, as a device's frames need

    public async Task RunAsync(CancellationToken aborted)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, _stopping.Token);
        var ct = linked.Token;
        try
        {
            var hello = await ReceiveHelloAsync(ct);
            var (device, stream) = await OpenAsync(hello, ct);
            using var registration = await sessions.RegisterAsync(stream.Id, StopAsync);
            await db.Entry(stream).ReloadAsync(ct); // after the connection it replaced has stored its frames in flight
            await SendAsync(ServerMessage.Ready(stream.Id, stream.NextSequence), ct);
            await StreamAsync(device, stream, ct);
        }
        catch (IngestRefusal refusal)
        {
            await CloseAsync(refusal.Status, refusal.Message);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException) { }
        finally { _drained.TrySetResult(); }
    }

    /// <summary>Closes this connection for a newer one of the same device and waits until its frames in flight are stored.</summary>
    private async Task StopAsync()
    {
        await CloseAsync(WebSocketCloseStatus.PolicyViolation, "replaced by a newer connection of this device");
        _stopping.Cancel();
        await _drained.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private async Task<DeviceMessage> ReceiveHelloAsync(CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_limits.HelloTimeout);
        DeviceMessage? hello;
        try { hello = await ReceiveAsync(timeout.Token); }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw IngestJson.Violation($"no hello within {_limits.HelloTimeout.TotalSeconds:0} s");
        }
        if (hello?.Type != "hello") throw IngestJson.Violation("the first message must be a hello");
        return hello;
    }

    private async Task<(MonitoringDevice Device, LiveStream Stream)> OpenAsync(DeviceMessage hello, CancellationToken ct)
    {
        var hash = TokenService.Hash(hello.Token ?? "");
        var device = await db.MonitoringDevices.SingleOrDefaultAsync(d => d.TokenHash == hash && d.RevokedAt == null, ct)
                     ?? throw IngestJson.Violation("unknown or revoked device token");
        var declared = IngestRules.CheckHello(hello, _limits);
        device.LastSeenAt = time.GetUtcNow().UtcDateTime;
        if (hello.Stream is { } id)
        {
            var stream = await db.LiveStreams.SingleOrDefaultAsync(s => s.Id == id && s.DeviceId == device.Id, ct)
                         ?? throw IngestJson.Violation($"stream {id} is not one of this device's");
            if (stream.State != LiveStreamState.Open) throw IngestJson.Violation($"stream {id} has ended; start a new one");
            if (stream.SamplingFrequency != hello.SamplingFrequency || stream.LeadsJson != declared)
                throw IngestJson.Violation($"stream {id} was started with other leads or another rate");
            await db.SaveChangesAsync(ct);
            return (device, stream);
        }
        foreach (var open in await db.LiveStreams.Where(s => s.DeviceId == device.Id && s.State == LiveStreamState.Open).Select(s => s.Id).ToListAsync(ct))
            await closer.CloseAsync(open, "the device started a new stream", ct);
        var now = time.GetUtcNow().UtcDateTime;
        var created = new LiveStream
        {
            Id = Guid.NewGuid(), DeviceId = device.Id, PatientId = device.PatientId, State = LiveStreamState.Open,
            SamplingFrequency = hello.SamplingFrequency!.Value, LeadsJson = declared, StartedAt = now, LastFrameAt = now,
        };
        db.LiveStreams.Add(created);
        await db.SaveChangesAsync(ct);
        return (device, created);
    }

    private async Task StreamAsync(MonitoringDevice device, LiveStream stream, CancellationToken ct)
    {
        var leads = JsonSerializer.Deserialize<DeviceLead[]>(stream.LeadsJson, IngestJson.Options)!.Length;
        var maxFrame = (int)Math.Ceiling(stream.SamplingFrequency * _limits.MaxFrameSeconds);
        var maxSamples = (long)(stream.SamplingFrequency * _limits.MaxStreamDuration.TotalSeconds);
        var (next, first) = (stream.NextSequence, stream.SampleCount);
        var inFlight = Channel.CreateBounded<(long Seq, Task Stored)>(_limits.MaxFramesInFlight);
        var acks = AcknowledgeAsync(inFlight.Reader);
        var checkedAt = time.GetUtcNow();
        try
        {
            while (true)
            {
                var message = await ReceiveAsync(ct);
                if (time.GetUtcNow() - checkedAt > DeviceRecheck)
                {
                    // A revocation made through another server process reaches this connection here.
                    if (!await db.MonitoringDevices.AnyAsync(d => d.Id == device.Id && d.RevokedAt == null, ct)) throw IngestJson.Violation("the device was revoked");
                    checkedAt = time.GetUtcNow();
                }
                if (message is null) return; // the device closed the connection
                if (message.Type == "end") break;
                if (message.Type != "frame") throw IngestJson.Invalid($"unexpected message type '{message.Type}' (frame or end)");
                var seq = IngestRules.CheckFrame(message, leads, maxFrame, _limits.MaxSampleMagnitude);
                if (seq < next)
                {
                    await SendAsync(ServerMessage.Error("replayed", $"frame {seq} is already stored; the next expected is {next}"), ct);
                    continue;
                }
                if (seq > next) throw IngestJson.Violation($"sequence gap: expected frame {next}, got {seq}");
                var count = message.Samples![0].Length;
                if (first + count > maxSamples)
                    throw IngestJson.Violation($"the stream reached the longest recording ({_limits.MaxStreamDuration.TotalHours:0.#} h); start a new stream");
                var frame = new StoredFrame(stream.Id, device.PatientId, seq, first, message.Time ?? time.GetUtcNow().ToUnixTimeMilliseconds(),
                    time.GetUtcNow().UtcDateTime, message.Samples);
                await inFlight.Writer.WaitToWriteAsync(ct); // room first: a frame handed to the log is always awaited
                inFlight.Writer.TryWrite((seq, frames.AppendAsync(frame)));
                (next, first) = (next + 1, first + count);
            }
            inFlight.Writer.Complete();
            await acks;
            var recording = await closer.CloseAsync(stream.Id, "the device ended the stream", ct);
            await SendAsync(ServerMessage.Ended(stream.Id, recording), ct);
            await CloseAsync(WebSocketCloseStatus.NormalClosure, "stream ended");
        }
        finally
        {
            inFlight.Writer.TryComplete();
            await acks.ContinueWith(_ => { }, TaskScheduler.Default); // every stored frame acknowledged before the socket goes
            _drained.TrySetResult();
        }
    }

    /// <summary>Acknowledges each frame once stored, in order. It waits for every frame handed over, even when it can no
    /// longer send: a connection that replaces this one must resume after them.</summary>
    private async Task AcknowledgeAsync(ChannelReader<(long Seq, Task Stored)> pending)
    {
        var failed = false;
        await foreach (var (seq, stored) in pending.ReadAllAsync(CancellationToken.None))
        {
            try { await stored; }
            catch (Exception e)
            {
                if (!failed) log.LogWarning("a frame could not be stored ({Error})", e.GetType().Name);
                failed = true;
                await CloseAsync(WebSocketCloseStatus.InternalServerError, "a frame could not be stored; reconnect and resume");
                continue;
            }
            if (failed || socket.State != WebSocketState.Open) continue;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try { await SendAsync(ServerMessage.Ack(seq), timeout.Token); }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException) { failed = true; }
        }
    }

    private async Task<DeviceMessage?> ReceiveAsync(CancellationToken ct)
    {
        var length = 0;
        while (true)
        {
            if (length == _buffer.Length)
            {
                if (length >= _limits.MaxMessageBytes) throw new IngestRefusal(WebSocketCloseStatus.MessageTooBig, $"a message may have at most {_limits.MaxMessageBytes:N0} bytes");
                Array.Resize(ref _buffer, Math.Min(2 * _buffer.Length, _limits.MaxMessageBytes));
            }
            var result = await socket.ReceiveAsync(_buffer.AsMemory(length), ct);
            if (result.MessageType == WebSocketMessageType.Close) return null;
            if (result.MessageType != WebSocketMessageType.Text) throw IngestJson.Invalid("messages are JSON text");
            length += result.Count;
            if (result.EndOfMessage) return IngestJson.Parse(_buffer.AsSpan(0, length));
        }
    }

    private async Task SendAsync(ServerMessage message, CancellationToken ct)
    {
        var bytes = IngestJson.Serialize(message);
        await _send.WaitAsync(ct);
        try { await socket.SendAsync(bytes, WebSocketMessageType.Text, true, ct); }
        finally { _send.Release(); }
    }

    private async Task CloseAsync(WebSocketCloseStatus status, string reason)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived)) return;
        await _send.WaitAsync();
        try { await socket.CloseOutputAsync(status, IngestRules.CloseReason(reason), CancellationToken.None); }
        catch (WebSocketException) { }
        finally { _send.Release(); }
    }
}
