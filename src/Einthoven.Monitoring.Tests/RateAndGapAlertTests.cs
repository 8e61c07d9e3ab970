using Einthoven.Monitoring;

namespace Einthoven.Monitoring.Tests;

public class RateAndGapAlertTests
{
    private const double Fs = SyntheticStream.Fs;

    [Fact]
    public void Bradycardia_starts_near_the_change_of_rate_and_ends_when_the_rate_recovers()
    {
        var stream = new SyntheticStream().Rhythm(70, 60);
        var change = stream.Length;
        stream.Rhythm(34, 60);
        var recovery = stream.Length;
        stream.Rhythm(70, 40);
        var (_, alerts) = MonitorRun.Push(stream.Samples, 360);

        var onset = Assert.Single(alerts.Of(AlertKind.Bradycardia));
        Assert.InRange(onset.StartSample, change, change + 10 * Fs);
        Assert.InRange(onset.DetectedAtSample, change, change + 20 * Fs);
        Assert.InRange(onset.EvidenceStart, onset.StartSample - 10 * Fs, onset.StartSample);
        var end = Assert.Single(alerts.Of(AlertKind.Bradycardia, AlertPhase.End));
        Assert.InRange(end.StartSample, recovery, recovery + 15 * Fs);
        Assert.Empty(alerts.Of(AlertKind.Tachycardia));
        Assert.Equal(AlertSeverity.Warning, onset.Severity);
    }

    [Fact]
    public void Tachycardia_is_raised_within_the_IEC_10_s_after_the_rate_passes_the_limit()
    {
        var stream = new SyntheticStream().Rhythm(70, 60);
        var change = stream.Length;
        stream.Rhythm(175, 40);
        var (_, alerts) = MonitorRun.Push(stream.Samples, 360);

        var onset = Assert.Single(alerts.Of(AlertKind.Tachycardia));
        Assert.InRange(onset.StartSample, change, change + 8 * Fs);
        Assert.InRange(onset.DetectedAtSample, change, change + 10 * Fs);
        Assert.Empty(alerts.Of(AlertKind.Bradycardia));
        Assert.Single(alerts.Of(AlertKind.Tachycardia, AlertPhase.End)); // closed by the end of the stream
    }

    [Fact]
    public void A_3_s_gap_is_one_pause_starting_at_the_beat_before_it_and_no_asystole()
    {
        var stream = new SyntheticStream().Rhythm(60, 40);
        var before = stream.Beats[^1];
        stream.Gap(3, 1).Rhythm(60, 30);
        var (_, alerts) = MonitorRun.Push(stream.Samples, 36);

        var pause = Assert.Single(alerts.Of(AlertKind.Pause));
        Assert.InRange(pause.StartSample, before - 0.05 * Fs, before + 0.05 * Fs);
        Assert.InRange(pause.DetectedAtSample, before + 2.5 * Fs, before + 4 * Fs);
        Assert.Empty(alerts.Of(AlertKind.Asystole));
        Assert.Empty(alerts.Of(AlertKind.SignalLoss));
    }

    [Fact]
    public void A_7_s_gap_is_asystole_raised_at_4_s_and_ended_by_the_next_beat()
    {
        var stream = new SyntheticStream().Rhythm(60, 40);
        var before = stream.Beats[^1];
        stream.Gap(7, 1);
        var after = stream.Length + 0.5 * Fs;
        stream.Rhythm(60, 30);
        var (_, alerts) = MonitorRun.Push(stream.Samples, 360);

        var asystole = Assert.Single(alerts.Of(AlertKind.Asystole));
        Assert.Equal(AlertSeverity.Critical, asystole.Severity);
        Assert.InRange(asystole.StartSample, before - 0.05 * Fs, before + 0.05 * Fs);
        Assert.InRange(asystole.DetectedAtSample, before + 4 * Fs, before + 5.5 * Fs);
        var end = Assert.Single(alerts.Of(AlertKind.Asystole, AlertPhase.End));
        Assert.InRange(end.StartSample, after - 0.1 * Fs, after + 0.1 * Fs);
        Assert.Single(alerts.Of(AlertKind.Pause));
        Assert.Empty(alerts.Of(AlertKind.SignalLoss));
    }

    [Fact]
    public void Steady_sinus_rhythm_raises_nothing_and_its_beats_are_normal()
    {
        var stream = new SyntheticStream().Rhythm(72, 120);
        var (beats, alerts) = MonitorRun.Push(stream.Samples, 360);

        Assert.Empty(alerts);
        Assert.InRange(beats.Count, stream.Beats.Count - 2, stream.Beats.Count + 1);
        Assert.True(beats.Count(b => b.AamiClass == "N") >= 0.95 * beats.Count, string.Join(" ", beats.GroupBy(b => b.AamiClass).Select(g => $"{g.Key}:{g.Count()}")));
    }
}
