namespace Einthoven.Server.Live;

public enum LiveStreamState { Open, Closing, Closed }

/// <summary>
/// One continuous stream from a device: its frames are kept as they arrive (<see cref="LiveFrame"/>) and, when the
/// stream ends, become an ordinary recording (<see cref="RecordingId"/>). <see cref="NextSequence"/> is the frame a
/// reconnecting device resumes from: every frame below it is stored.
/// </summary>
public sealed class LiveStream
{
    public Guid Id { get; set; }
    public Guid DeviceId { get; set; }
    public Guid PatientId { get; set; }
    public LiveStreamState State { get; set; }
    public double SamplingFrequency { get; set; }
    /// <summary>Lead names and gains (adu per mV) as the device declared them, JSON.</summary>
    public string LeadsJson { get; set; } = "";
    public long NextSequence { get; set; }
    public long SampleCount { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime LastFrameAt { get; set; }
    public DateTime? EndedAt { get; set; }
    /// <summary>Why it ended: the device said so, it fell silent, it reached the longest recording.</summary>
    public string? EndReason { get; set; }
    public Guid? RecordingId { get; set; }
}

/// <summary>One acknowledged frame: its samples, every lead one after the other, compressed with the sample codec.</summary>
public sealed class LiveFrame
{
    public Guid StreamId { get; set; }
    public long Sequence { get; set; }
    public long FirstSample { get; set; }
    public int Count { get; set; }
    /// <summary>The device's clock when it sent the frame (Unix ms), for sample-to-alert latency.</summary>
    public long DeviceTime { get; set; }
    public byte[] Data { get; set; } = [];
}
