using System.Text.Json;
using System.Text.Json.Serialization;

namespace Einthoven.Server.Live;

/// <summary>A lead as a device declares it: its name and its gain in digital units (adu) per mV.</summary>
public sealed record DeviceLead(string Name, double Gain);

/// <summary>
/// What a device sends over the ingest WebSocket, one JSON text message each (docs/LIVE.md):
/// <c>hello</c> (token, rate, leads; <c>stream</c> to resume), then <c>frame</c>s (<c>seq</c> from 0, <c>time</c> the
/// device clock in Unix ms, <c>samples</c> one array per lead, in adu), and <c>end</c>.
/// </summary>
public sealed record DeviceMessage(
    string? Type, string? Token, Guid? Stream, double? SamplingFrequency, IReadOnlyList<DeviceLead>? Leads,
    long? Seq, long? Time, int[][]? Samples);

/// <summary>What the server answers: <c>ready</c>, <c>ack</c> (every frame up to <c>seq</c> is stored), <c>error</c> (the connection stays open), <c>ended</c>.</summary>
public sealed record ServerMessage(
    string Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? Stream = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? NextSequence = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Seq = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Code = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Detail = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? Recording = null)
{
    public static ServerMessage Ready(Guid stream, long next) => new("ready", Stream: stream, NextSequence: next);
    public static ServerMessage Ack(long seq) => new("ack", Seq: seq);
    public static ServerMessage Error(string code, string detail) => new("error", Code: code, Detail: detail);
    public static ServerMessage Ended(Guid stream, Guid? recording) => new("ended", Stream: stream, Recording: recording);
}

/// <summary>A message the protocol refuses, with the WebSocket close status that says why.</summary>
public sealed class IngestRefusal(System.Net.WebSockets.WebSocketCloseStatus status, string reason) : Exception(reason)
{
    public System.Net.WebSockets.WebSocketCloseStatus Status { get; } = status;
}

public static class IngestJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.Strict,
        MaxDepth = 8,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static DeviceMessage Parse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return JsonSerializer.Deserialize<DeviceMessage>(utf8, Options)
                   ?? throw Invalid("the message is JSON null");
        }
        catch (JsonException e)
        {
            throw Invalid($"the message is not a valid ingest message: {e.Message}");
        }
    }

    public static byte[] Serialize(ServerMessage message) => JsonSerializer.SerializeToUtf8Bytes(message, Options);

    public static IngestRefusal Invalid(string reason) => new(System.Net.WebSockets.WebSocketCloseStatus.InvalidPayloadData, reason);

    public static IngestRefusal Violation(string reason) => new(System.Net.WebSockets.WebSocketCloseStatus.PolicyViolation, reason);
}
