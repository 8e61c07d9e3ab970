using Einthoven.Server.Audit;

namespace Einthoven.Server.Tests.Units;

public class AuditThrottleTests
{
    private static readonly AuditKey Key = new(Guid.NewGuid(), Guid.NewGuid(), "recording.window", Guid.NewGuid());
    private static readonly DateTime T0 = new(2026, 11, 22, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void One_claim_per_span_and_key()
    {
        var throttle = new AuditThrottle();
        Assert.True(throttle.TryClaim(Key, T0));
        Assert.False(throttle.TryClaim(Key, T0.AddMinutes(9)));
        Assert.True(throttle.TryClaim(Key with { Action = "analysis.read" }, T0.AddMinutes(9)));
        Assert.True(throttle.TryClaim(Key, T0 + AuditThrottle.Span));
        Assert.False(throttle.TryClaim(Key, T0 + AuditThrottle.Span + TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void A_released_claim_lets_the_next_read_write()
    {
        var throttle = new AuditThrottle();
        Assert.True(throttle.TryClaim(Key, T0));
        throttle.Release(Key, T0);
        Assert.True(throttle.TryClaim(Key, T0.AddSeconds(1)));
    }

    [Fact]
    public void Concurrent_reads_make_exactly_one_claim()
    {
        var throttle = new AuditThrottle();
        var claims = 0;
        Parallel.For(0, 1000, i => { if (throttle.TryClaim(Key, T0.AddMilliseconds(i % 7))) Interlocked.Increment(ref claims); });
        Assert.Equal(1, claims);
    }
}
