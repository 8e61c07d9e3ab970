using System.Text.Json;

namespace Einthoven.Server.Live.Bus;

/// <summary>A stored frame (or the end of a stream, when <see cref="Data"/> is null) as it travels on the broker.</summary>
public sealed record FrameMessage(Guid StreamId, Guid PatientId, long Sequence, long FirstSample, long DeviceTime, DateTime ReceivedAt, int Leads, byte[]? Data)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static FrameMessage Of(StoredFrame f) => new(f.StreamId, f.PatientId, f.Sequence, f.FirstSample, f.DeviceTime, f.ReceivedAt, f.Samples.Length, f.Encode());

    public static FrameMessage Ended(Guid stream) => new(stream, Guid.Empty, -1, -1, 0, default, 0, null);

    public StoredFrame Frame() => new(StreamId, PatientId, Sequence, FirstSample, DeviceTime, ReceivedAt, StoredFrame.Decode(Data!, Leads));

    public byte[] Serialize() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static FrameMessage Parse(ReadOnlyMemory<byte> body) => JsonSerializer.Deserialize<FrameMessage>(body.Span, Json)!;
}
