using Einthoven.Monitoring;

namespace Einthoven.Monitoring.Tests;

public class ChunkingTests
{
    [Fact]
    public void Beats_and_alerts_do_not_depend_on_how_the_stream_is_cut()
    {
        var stream = new SyntheticStream().Rhythm(70, 30).Gap(3, 0.86).Rhythm(36, 40).Flat(6).Rhythm(80, 25, pvcProbability: 0.1);
        var samples = stream.Samples;
        var whole = MonitorRun.Push(samples, 360);
        Assert.NotEmpty(whole.Alerts);
        foreach (var chunk in new[] { 1, 36, 997 })
        {
            var cut = MonitorRun.Push(samples, chunk);
            Assert.Equal(whole.Beats, cut.Beats);
            Assert.Equal(whole.Alerts, cut.Alerts);
        }
    }
}
