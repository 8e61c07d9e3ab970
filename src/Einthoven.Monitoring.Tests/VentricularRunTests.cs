using Einthoven.Monitoring;

namespace Einthoven.Monitoring.Tests;

public class VentricularRunTests
{
    private const double Fs = SyntheticStream.Fs;

    [Fact]
    public void Eight_ventricular_beats_at_150_bpm_are_one_VT_run_from_its_first_beat()
    {
        var stream = new SyntheticStream().Rhythm(70, 60);
        var first = stream.Length + 0.15 * Fs;
        stream.VentricularRun(8, 150);
        var last = stream.Beats[^1];
        stream.Rhythm(70, 30);
        var (beats, alerts) = MonitorRun.Push(stream.Samples, 360);

        var run = Assert.Single(alerts.Of(AlertKind.VentricularTachycardiaRun));
        Assert.InRange(run.StartSample, first - 0.1 * Fs, first + 0.1 * Fs + 1);
        Assert.InRange(run.DetectedAtSample, first, last + 3 * Fs);
        var end = Assert.Single(alerts.Of(AlertKind.VentricularTachycardiaRun, AlertPhase.End));
        Assert.InRange(end.StartSample, last - 0.5 * Fs, last + 0.1 * Fs); // the last V beat, or the one before: its window runs into sinus rhythm
        Assert.Empty(alerts.Of(AlertKind.SustainedVentricularTachycardia));
        Assert.True(beats.Count(b => b.AamiClass == "V" && b.Sample >= first - 0.1 * Fs && b.Sample <= last + 0.1 * Fs) >= 6);
    }
}
