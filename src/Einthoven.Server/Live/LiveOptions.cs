namespace Einthoven.Server.Live;

/// <summary>Settings under "Einthoven:Live": what a device may stream, and how long a silent stream stays open.</summary>
public sealed class LiveOptions
{
    public double MinSamplingFrequency { get; set; } = 100;
    /// <summary>Above this a rate is refused as absurd for an ECG device.</summary>
    public double MaxSamplingFrequency { get; set; } = 2000;
    public int MaxLeads { get; set; } = 16;
    /// <summary>The longest frame, in seconds of signal.</summary>
    public double MaxFrameSeconds { get; set; } = 2;
    /// <summary>The largest message a device may send, in bytes.</summary>
    public int MaxMessageBytes { get; set; } = 512 * 1024;
    /// <summary>Digital values beyond ±this are refused (a 24-bit converter's range).</summary>
    public int MaxSampleMagnitude { get; set; } = (1 << 23) - 1;
    /// <summary>A stream longer than this ends and becomes a recording; the device starts a new one.</summary>
    public TimeSpan MaxStreamDuration { get; set; } = TimeSpan.FromHours(24);
    /// <summary>An open stream with no frame for this long ends (the device is gone) and becomes a recording.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>Devices a patient may hold (not revoked) at once.</summary>
    public int MaxDevicesPerPatient { get; set; } = 20;
    public TimeSpan HelloTimeout { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>Frames waiting for storage per connection; a device that sends faster waits (back-pressure).</summary>
    public int MaxFramesInFlight { get; set; } = 64;
    /// <summary>"InProcess" (embedded, the default) or "RabbitMQ" (scale-out: several processes, PostgreSQL, a broker).</summary>
    public string Bus { get; set; } = "InProcess";
    /// <summary>The broker, e.g. amqp://user:password@127.0.0.1:5672/ (RabbitMQ only).</summary>
    public string? RabbitMqUri { get; set; }
    /// <summary>Frame partitions: each is analysed by one process at a time, so this bounds how many processes share the analysis.</summary>
    public int Partitions { get; set; } = 8;

    public bool UsesRabbitMq => string.Equals(Bus, "RabbitMQ", StringComparison.OrdinalIgnoreCase);
}
