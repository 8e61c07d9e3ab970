namespace Einthoven.Server.Tests.Hosting;

/// <summary>The real clock moved forward by <see cref="Offset"/>; timers stay real, so background work keeps running.</summary>
public sealed class ShiftedClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}
