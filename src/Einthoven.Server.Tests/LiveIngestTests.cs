using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Einthoven.Devices;
using Einthoven.Server.Live;
using Einthoven.Server.Recordings;
using Einthoven.Server.Storage;
using Einthoven.Server.Tests.Hosting;
using Einthoven.Signal.Formats;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Tests;

/// <summary>
/// Devices streaming over /api/live/ingest: acknowledged frames are stored once, in order, across dropped connections;
/// the stream becomes an ordinary recording; bad frames get a reason and lose nothing stored; tokens are the device's only.
/// </summary>
public abstract class LiveIngestTests(ServerFixture fixture)
{
    private static readonly Uri Server = new("http://localhost/");
    private ServerHost Host => fixture.Host;

    [ProviderFact]
    public async Task A_stream_cut_by_drops_and_faults_becomes_a_recording_with_every_sample_once()
    {
        var (patient, token) = await DeviceAsync();
        var source = TestRecords.Synthetic("live-source", seconds: 40, seed: 7);
        var options = new DeviceSimulation(Speed: 0, FrameSeconds: 0.1, ReconnectEverySeconds: 7, FaultProbability: 0.03, MaxUnacknowledged: 32);
        var report = await new DeviceStreamer([Server], token, new InMemoryReader(source), options, Host.WebSocketAsync).RunAsync();

        Assert.True(report.Complete, report.Failure);
        Assert.True(report.Connections > 5, $"{report.Connections} connections");
        Assert.Equal(source.Info.SampleCount, report.SamplesAcknowledged);
        var recording = report.Recording ?? throw new Xunit.Sdk.XunitException("no recording");
        var stored = await Host.DbAsync(async db =>
        {
            var row = await db.Recordings.SingleAsync(r => r.Id == recording);
            using var reader = new StoredRecordingReader(db, row, withAnalysis: false);
            return (row.OriginalFormat, Samples: reader.Read(0, (int)row.SampleCount).Samples, reader.Info);
        });
        Assert.Equal("live", stored.OriginalFormat);
        Assert.Equal(source.Info.SamplingFrequency, stored.Info.SamplingFrequency);
        for (var lead = 0; lead < source.Samples.Length; lead++) Assert.Equal(source.Samples[lead], stored.Samples[lead]);
        var listed = await (await patient.GetAsync("/api/recordings")).JsonAsync();
        Assert.Contains(listed.EnumerateArray(), r => r.Id() == recording);
        Assert.Equal(0, await Host.DbAsync(db => db.LiveFrames.CountAsync(f => f.StreamId == report.Stream)));
    }

    [ProviderFact]
    public async Task A_replayed_frame_gets_an_error_and_the_stream_goes_on()
    {
        var (_, token) = await DeviceAsync();
        await using var device = await RawDevice.ConnectAsync(Host);
        var ready = await device.HelloAsync(token);
        Assert.Equal(0, ready.GetProperty("nextSequence").GetInt64());
        await device.SendAsync(Frame(0, 2));
        Assert.Equal(0, (await device.ReceiveAsync()).GetProperty("seq").GetInt64());
        await device.SendAsync(Frame(0, 2));
        var error = await device.ReceiveAsync();
        Assert.Equal(("error", "replayed"), (error.Str("type"), error.Str("code")));
        await device.SendAsync(Frame(1, 2));
        Assert.Equal(1, (await device.ReceiveAsync()).GetProperty("seq").GetInt64());
    }

    [ProviderFact]
    public async Task Bad_messages_close_the_connection_with_the_reason_and_keep_what_was_stored()
    {
        var (_, token) = await DeviceAsync();
        var cases = new (Func<RawDevice, Task> Send, WebSocketCloseStatus Status, string Reason)[]
        {
            (d => d.SendAsync(Frame(1, 2)), WebSocketCloseStatus.PolicyViolation, "sequence gap"),
            (d => d.SendAsync(Frame(1, 3)), WebSocketCloseStatus.InvalidPayloadData, "has 3 leads; the stream has 2"),
            (d => d.SendAsync("{\"type\":\"frame\",\"seq\":1,"), WebSocketCloseStatus.InvalidPayloadData, "not a valid ingest message"),
            (d => d.SendAsync("{\"type\":\"frame\",\"seq\":1,\"samples\":[[1,2],[3]]}"), WebSocketCloseStatus.InvalidPayloadData, "lead 1 has 1 samples"),
            (d => d.SendAsync("{\"type\":\"frame\",\"seq\":1,\"samples\":[[99999999],[1]]}"), WebSocketCloseStatus.InvalidPayloadData, "beyond"),
            (d => d.SendAsync("{\"type\":\"dance\"}"), WebSocketCloseStatus.InvalidPayloadData, "unexpected message type"),
            (d => d.SendBinaryAsync([1, 2, 3]), WebSocketCloseStatus.InvalidPayloadData, "JSON text"),
            (d => d.SendAsync("{\"type\":\"frame\",\"seq\":1,\"samples\":[[" + string.Join(',', Enumerable.Repeat(1, 300_000)) + "],[1]]}"),
                WebSocketCloseStatus.MessageTooBig, "at most"),
        };
        Guid? stream = null;
        foreach (var (send, status, reason) in cases)
        {
            await using var device = await RawDevice.ConnectAsync(Host);
            var ready = await device.HelloAsync(token, stream);
            stream = ready.GetProperty("stream").GetGuid();
            var next = ready.GetProperty("nextSequence").GetInt64();
            await device.SendAsync(Frame(next, 2));
            Assert.Equal(next, (await device.ReceiveAsync()).GetProperty("seq").GetInt64());
            if (reason.StartsWith("sequence gap")) await device.SendAsync(Frame(next + 2, 2));
            else await send(device);
            var (closed, why) = await device.ClosedAsync();
            Assert.Equal(status, closed);
            Assert.Contains(reason.StartsWith("sequence gap") ? "sequence gap" : reason, why);
        }
        var kept = await Host.DbAsync(db => db.LiveStreams.SingleAsync(s => s.Id == stream));
        Assert.Equal(cases.Length, kept.NextSequence);
        Assert.Equal(cases.Length, await Host.DbAsync(db => db.LiveFrames.CountAsync(f => f.StreamId == stream)));
    }

    [ProviderFact]
    public async Task A_hello_is_refused_for_a_wrong_token_an_absurd_rate_or_another_devices_stream()
    {
        var (_, token) = await DeviceAsync();
        var (_, other) = await DeviceAsync();
        await using (var first = await RawDevice.ConnectAsync(Host)) await first.HelloAsync(other);
        var othersStream = await Host.DbAsync(db => db.LiveStreams.OrderByDescending(s => s.StartedAt).Select(s => s.Id).FirstAsync());
        var hellos = new (object Hello, string Reason)[]
        {
            (new { type = "hello", token = "etd_not-a-token", samplingFrequency = 360, leads = Leads(2) }, "unknown or revoked device token"),
            (new { type = "hello", token, samplingFrequency = 100_000, leads = Leads(2) }, "outside"),
            (new { type = "hello", token, samplingFrequency = 360, leads = Leads(0) }, "needs leads"),
            (new { type = "hello", token, samplingFrequency = 360, leads = Leads(2), stream = othersStream }, "is not one of this device's"),
            (new { type = "frame", token, seq = 0 }, "the first message must be a hello"),
        };
        foreach (var (hello, reason) in hellos)
        {
            await using var device = await RawDevice.ConnectAsync(Host);
            await device.SendAsync(JsonSerializer.Serialize(hello, Hosting.Api.Json));
            var (_, why) = await device.ClosedAsync();
            Assert.Contains(reason, why);
        }
    }

    [ProviderFact]
    public async Task A_revoked_device_is_disconnected_and_its_token_is_refused()
    {
        var (patient, token) = await DeviceAsync();
        var devices = await (await patient.GetAsync("/api/devices")).JsonAsync();
        var id = devices.EnumerateArray().Single().Id();
        await using (var device = await RawDevice.ConnectAsync(Host))
        {
            await device.HelloAsync(token);
            Assert.Equal(HttpStatusCode.NoContent, (await patient.DeleteAsync($"/api/devices/{id}")).StatusCode);
            var (status, _) = await device.ClosedAsync();
            Assert.Equal(WebSocketCloseStatus.PolicyViolation, status);
        }
        await using var again = await RawDevice.ConnectAsync(Host);
        await again.SendAsync(JsonSerializer.Serialize(new { type = "hello", token, samplingFrequency = 360, leads = Leads(2) }, Hosting.Api.Json));
        Assert.Contains("unknown or revoked", (await again.ClosedAsync()).Reason);
    }

    [ProviderFact]
    public async Task A_device_token_opens_no_other_door_of_the_api()
    {
        var (_, token) = await DeviceAsync();
        var asDevice = Host.Client(token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await asDevice.GetAsync("/api/recordings")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await asDevice.GetAsync("/api/devices")).StatusCode);
    }

    private async Task<(HttpClient Patient, string Token)> DeviceAsync()
    {
        var patient = await Host.NewPatientAsync($"live-{Guid.NewGuid():N}@test.local");
        var device = await (await patient.PostJsonAsync("/api/devices", new { label = "test patch" })).JsonAsync(HttpStatusCode.Created);
        Assert.StartsWith("etd_", device.Str("token"));
        return (patient, device.Str("token"));
    }

    private static object[] Leads(int n) => Enumerable.Range(0, n).Select(i => (object)new { name = $"L{i}", gain = 200.0 }).ToArray();

    private static string Frame(long seq, int leads) => JsonSerializer.Serialize(new
    {
        type = "frame", seq, time = 1_700_000_000_000L, samples = Enumerable.Range(0, leads).Select(l => Enumerable.Range(0, 36).Select(i => i * (l + 1)).ToArray()),
    }, Hosting.Api.Json);

    /// <summary>A device that speaks the protocol message by message.</summary>
    private sealed class RawDevice(WebSocket socket) : IAsyncDisposable
    {
        public static async Task<RawDevice> ConnectAsync(ServerHost host) =>
            new(await host.WebSocketAsync(DeviceStreamer.IngestUri(Server), CancellationToken.None));

        public async Task<JsonElement> HelloAsync(string token, Guid? stream = null)
        {
            await SendAsync(JsonSerializer.Serialize(new { type = "hello", token, stream, samplingFrequency = 360, leads = Leads(2) }, Hosting.Api.Json));
            var ready = await ReceiveAsync();
            Assert.Equal("ready", ready.Str("type"));
            return ready;
        }

        public Task SendAsync(string text) => socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

        public Task SendBinaryAsync(byte[] bytes) => socket.SendAsync(bytes, WebSocketMessageType.Binary, true, CancellationToken.None);

        public async Task<JsonElement> ReceiveAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            var buffer = new byte[65536];
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            Assert.True(result.MessageType == WebSocketMessageType.Text, $"closed: {socket.CloseStatus} {socket.CloseStatusDescription}");
            return JsonDocument.Parse(buffer.AsMemory(0, result.Count)).RootElement.Clone();
        }

        /// <summary>Reads until the server closes; its status and reason.</summary>
        public async Task<(WebSocketCloseStatus? Status, string Reason)> ClosedAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(40));
            var buffer = new byte[65536];
            while ((await socket.ReceiveAsync(buffer, timeout.Token)).MessageType != WebSocketMessageType.Close) { }
            return (socket.CloseStatus, socket.CloseStatusDescription ?? "");
        }

        public async ValueTask DisposeAsync()
        {
            if (socket.State == WebSocketState.Open)
                try { await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None); }
                catch (Exception e) when (e is WebSocketException or IOException) { }
            socket.Dispose();
        }
    }
}

[Collection("sqlite")]
public sealed class SqliteLiveIngestTests(SqliteFixture fixture) : LiveIngestTests(fixture);

[Collection("postgres"), UsesPostgres]
public sealed class PostgresLiveIngestTests(PostgresFixture fixture) : LiveIngestTests(fixture);
