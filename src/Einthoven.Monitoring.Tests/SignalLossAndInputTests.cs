using Einthoven.Monitoring;

namespace Einthoven.Monitoring.Tests;

public class SignalLossAndInputTests
{
    private const double Fs = SyntheticStream.Fs;

    [Fact]
    public void Leads_off_is_signal_loss_alone_with_no_pause_or_asystole_through_it()
    {
        var stream = new SyntheticStream().Rhythm(70, 40);
        var off = stream.Length;
        stream.Flat(20);
        var on = stream.Length;
        stream.Rhythm(70, 30);
        var (beats, alerts) = MonitorRun.Push(stream.Samples, 360);

        var loss = Assert.Single(alerts.Of(AlertKind.SignalLoss));
        Assert.Equal(AlertSeverity.Advisory, loss.Severity);
        Assert.InRange(loss.StartSample, off - Fs, off + Fs);
        Assert.InRange(loss.DetectedAtSample, off, off + 4 * Fs);
        var back = Assert.Single(alerts.Of(AlertKind.SignalLoss, AlertPhase.End));
        Assert.InRange(back.StartSample, on - Fs, on + 2 * Fs);
        Assert.DoesNotContain(alerts, a => a.Kind is not AlertKind.SignalLoss);
        Assert.DoesNotContain(beats, b => b.Sample > off + 0.5 * Fs && b.Sample < on);
    }

    [Fact]
    public void Missing_samples_on_every_lead_are_signal_loss()
    {
        var samples = new SyntheticStream().Rhythm(70, 60).Samples;
        foreach (var lead in samples) Array.Fill(lead, PatientMonitor.MissingSample, (int)(30 * Fs), (int)(10 * Fs));
        var (_, alerts) = MonitorRun.Push(samples, 360);

        var loss = Assert.Single(alerts.Of(AlertKind.SignalLoss));
        Assert.InRange(loss.StartSample, 29 * Fs, 31 * Fs);
        Assert.DoesNotContain(alerts, a => a.Kind is not AlertKind.SignalLoss);
    }

    [Fact]
    public void One_lead_off_keeps_the_other_read_and_raises_nothing()
    {
        var samples = new SyntheticStream().Rhythm(70, 60).Samples;
        Array.Fill(samples[0], samples[0][(int)(20 * Fs)], (int)(20 * Fs), (int)(20 * Fs));
        var (beats, alerts) = MonitorRun.Push(samples, 360);

        Assert.Empty(alerts);
        Assert.Contains(beats, b => b.Sample > 25 * Fs && b.Sample < 38 * Fs);
    }

    [Fact]
    public void A_chunk_with_the_wrong_lead_count_or_ragged_leads_is_refused_clearly()
    {
        var monitor = new PatientMonitor(SyntheticStream.Stream, MonitorSettings.Default, MonitorModels.LoadShipped());
        var wrong = Assert.Throws<ArgumentException>(() => monitor.Push([new int[10]]));
        Assert.Contains("2 leads", wrong.Message);
        var ragged = Assert.Throws<ArgumentException>(() => monitor.Push([new int[10], new int[9]]));
        Assert.Contains("same number of samples", ragged.Message);
        Assert.Equal(0, monitor.SamplesSeen);
    }

    [Fact]
    public void A_stream_or_settings_that_make_no_sense_are_refused_at_construction()
    {
        var models = MonitorModels.LoadShipped();
        Assert.Throws<ArgumentException>(() => new PatientMonitor(new MonitoredStream(360, ["MLII", "V1"], [200]), MonitorSettings.Default, models));
        Assert.Throws<ArgumentException>(() => new PatientMonitor(new MonitoredStream(360, ["MLII"], [double.NaN]), MonitorSettings.Default, models));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PatientMonitor(new MonitoredStream(20, ["MLII"], [200]), MonitorSettings.Default, models));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PatientMonitor(SyntheticStream.Stream, new MonitorSettings(PauseSeconds: 5, AsystoleSeconds: 4), models));
    }
}
