using Einthoven.Signal.Analysis.Detection;
using Einthoven.Signal.Analysis.Pacing;
using Einthoven.Signal.Formats;
using Einthoven.TestSupport;

namespace Einthoven.Signal.Tests.Analysis.Pacing;

public class PacingTests
{
    private const double Fs = 360;

    /// <summary>Two leads of synthetic ECG with a 2-sample, 1.5 mV spike <paramref name="lead"/> seconds before chosen beats.</summary>
    private static (double[][] Leads, long[][] Beats) WithSpikes(Func<int, bool> spikeBefore, double lead = 0.08)
    {
        var ecg = new SyntheticEcg(Fs: Fs, QrsWidth: 0.14);
        var leads = ecg.Leads(60);
        var peaks = ecg.RPeaks(60);
        for (var k = 0; k < peaks.Length; k++)
        {
            if (!spikeBefore(k)) continue;
            var at = peaks[k] - (int)(lead * Fs);
            foreach (var l in leads) { l[at] += 1.5; l[at + 1] += 0.8; }
        }
        var beats = peaks.Select(p => (long)p).ToArray();
        return (leads, [beats, beats]);
    }

    [Fact]
    public void Spikes_before_every_beat_mean_paced_rhythm()
    {
        var (leads, beats) = WithSpikes(_ => true);
        var a = PacingAssessment.Assess(leads, Fs, beats);
        Assert.True(a.PacedRhythm);
        Assert.True(a.PacedBeatFraction > 0.95);
        var spikes = PacingSpikeDetector.Detect(leads[0], Fs, new PacingOptions());
        Assert.Equal(beats[0].Length, spikes.Count);
        Assert.Equal(beats[0].Length, a.SpikeCount);
    }

    [Fact]
    public void Plain_ecg_even_with_wide_qrs_is_not_paced()
    {
        var (leads, beats) = WithSpikes(_ => false);
        var a = PacingAssessment.Assess(leads, Fs, beats);
        Assert.False(a.PacedRhythm);
        Assert.Equal(0, a.SpikeCount);
    }

    [Fact]
    public void Spikes_far_from_the_qrs_do_not_make_beats_paced()
    {
        var (leads, beats) = WithSpikes(_ => true, lead: 0.4);
        var a = PacingAssessment.Assess(leads, Fs, beats);
        Assert.False(a.PacedRhythm);
        Assert.Equal(0, a.SpikeCount); // spikes outside paced rhythm are not reported
    }

    [Fact]
    public void Only_the_spikes_that_pace_a_beat_are_counted()
    {
        var (leads, beats) = WithSpikes(k => k % 2 == 0);
        foreach (var l in leads) { l[(int)(0.5 * Fs)] += 1.5; l[(int)(0.5 * Fs) + 1] += 0.8; } // a stray spike before the first beat
        var a = PacingAssessment.Assess(leads, Fs, beats);
        Assert.True(a.PacedRhythm);
        Assert.Equal(a.PacedBeats, a.SpikeCount);
    }

    [Fact]
    public void Demand_pacing_of_a_third_of_beats_is_paced_rhythm()
    {
        var (leads, beats) = WithSpikes(k => k % 3 == 0);
        var a = PacingAssessment.Assess(leads, Fs, beats);
        Assert.True(a.PacedRhythm);
        Assert.InRange(a.PacedBeatFraction, 0.3, 0.4);
    }

    [Theory]
    [InlineData("107", true)]
    [InlineData("217", true)]
    [InlineData("100", false)]
    [InlineData("108", false)]
    [InlineData("208", false)] // 659 spike candidates were once reported here: sharp ventricular beats and noise
    public void Mitdb_paced_records_are_told_apart_without_their_annotations(string record, bool paced)
    {
        using var reader = RecordFiles.Open(TestData.MitDbRecord(record));
        var fs = reader.Info.SamplingFrequency;
        var block = reader.Read(0, (int)(300 * fs)); // first five minutes keep the test quick
        var leads = Enumerable.Range(0, block.Samples.Length)
            .Select(l => block.Samples[l].Select(v => reader.Info.Leads[l].ToPhysical(v)).ToArray()).ToArray();
        var beats = leads.Select(l => QrsDetector.Detect(l, fs)).ToArray();
        var a = PacingAssessment.Assess(leads, fs, beats);
        Assert.Equal(paced, a.PacedRhythm);
        if (!paced) Assert.Equal(0, a.SpikeCount);
    }
}
