using Einthoven.Signal.Analysis;
using Einthoven.Signal.Analysis.Measurements;

namespace Einthoven.Signal.Tests.Analysis.Measurements;

public class RecordIntervalsTests
{
    private const double Seconds = 20;

    private static bool[] All(int n) => Enumerable.Repeat(true, n).ToArray();

    [Fact]
    public void A_p_wave_before_every_beat_at_a_steady_distance_is_present_and_gives_the_pr()
    {
        var ecg = new SyntheticEcg();
        var leads = ecg.Leads(Seconds);
        var peaks = ecg.RPeaks(Seconds);
        var presence = PWavePresence.Check(leads, peaks, ecg.Fs);
        Assert.True(presence.Present, presence.Absence);
        var (m, reasons) = RecordIntervals.Measure(leads, SyntheticEcg.LimbLeads, peaks, All(peaks.Length), ecg.Fs);
        Assert.InRange(m!.PrMs!.Value, 140, 180);
        Assert.NotNull(m.PAxis);
        Assert.False(reasons.ContainsKey(NotMeasured.Pr));
    }

    [Fact]
    public void P_waves_at_a_different_distance_in_every_beat_are_not_p_waves_and_give_no_pr()
    {
        // Like fibrillatory or dissociated atrial waves: a bump before each QRS, but never at the same distance.
        var ecg = new SyntheticEcg(Pr: 0.2, PrJitter: 0.07);
        var leads = ecg.Leads(Seconds);
        var peaks = ecg.RPeaks(Seconds);
        var presence = PWavePresence.Check(leads, peaks, ecg.Fs);
        Assert.False(presence.Present);
        Assert.True(presence.PrSpreadMs > PWavePresence.MaxSpreadMs);
        var (m, reasons) = RecordIntervals.Measure(leads, SyntheticEcg.LimbLeads, peaks, All(peaks.Length), ecg.Fs);
        Assert.Null(m!.PrMs);
        Assert.Null(m.PAxis);
        Assert.StartsWith("no P waves", reasons[NotMeasured.Pr]);
        Assert.Equal(reasons[NotMeasured.Pr], reasons[NotMeasured.PAxis]);
    }

    [Fact]
    public void Paced_rhythm_has_no_pr_and_says_so()
    {
        var ecg = new SyntheticEcg();
        var peaks = ecg.RPeaks(Seconds);
        var (measured, reasons) = RecordIntervals.Measure(ecg.Leads(Seconds), SyntheticEcg.LimbLeads, peaks, All(peaks.Length), ecg.Fs);
        var (m, paced) = RecordIntervals.WithoutP(measured!, reasons, RecordIntervals.PacedRhythm);
        Assert.Null(m.PrMs);
        Assert.Null(m.PAxis);
        Assert.Equal(RecordIntervals.PacedRhythm, paced[NotMeasured.Pr]);
        Assert.Equal(measured!.QtMs, m.QtMs); // the rest is measured
    }

    [Fact]
    public void Without_a_median_beat_the_intervals_say_why()
    {
        var ecg = new SyntheticEcg();
        var peaks = ecg.RPeaks(Seconds);
        var (m, reasons) = RecordIntervals.Measure(ecg.Leads(Seconds), SyntheticEcg.LimbLeads, peaks, new bool[peaks.Length], ecg.Fs);
        Assert.Null(m);
        Assert.Contains("no median beat", reasons[NotMeasured.Intervals]);
    }

    /// <summary>Every third beat replaced by a wide beat of another axis (ventricular trigeminy).</summary>
    private static (double[][] Leads, int[] Peaks, SyntheticEcg Normal) Trigeminy()
    {
        var normal = new SyntheticEcg(QrsWidth: 0.09);
        var ectopic = normal with { QrsWidth = 0.16, QrsAxis = -120, QrsAmplitude = 1.8 };
        var leads = normal.Leads(Seconds);
        var wide = ectopic.Leads(Seconds);
        var peaks = normal.RPeaks(Seconds);
        var half = (int)(0.35 * normal.Fs);
        for (var k = 2; k < peaks.Length; k += 3)
            for (var l = 0; l < leads.Length; l++)
                Array.Copy(wide[l], peaks[k] - half, leads[l], peaks[k] - half, 2 * half);
        return (leads, peaks, normal);
    }

    [Fact]
    public void The_dominant_family_leaves_out_ectopic_beats_of_another_shape()
    {
        var (leads, peaks, ecg) = Trigeminy();
        var family = DominantBeats.Select(leads, peaks, DominantBeats.RrBefore(peaks, ecg.Fs), ecg.Fs);
        Assert.Equal(peaks.Where((_, k) => k % 3 != 2), family);
        var (m, _) = RecordIntervals.Measure(leads, SyntheticEcg.LimbLeads, peaks, All(peaks.Length), ecg.Fs);
        Assert.InRange(m!.QrsMs, 80, 110);
        Assert.InRange(m.QrsAxis!.Value, 45, 75);
        Assert.InRange(m.RrMs, 790, 810); // the record's RR, not that of the beats kept
    }

    [Fact]
    public void The_dominant_family_leaves_out_premature_beats_of_the_same_shape()
    {
        var ecg = new SyntheticEcg();
        var peaks = ecg.RPeaks(Seconds);
        var rrBefore = DominantBeats.RrBefore(peaks, ecg.Fs);
        rrBefore[6] = 0.5; // an atrial premature beat: its own P wave, its own PR
        var family = DominantBeats.Select(ecg.Leads(Seconds), peaks, rrBefore, ecg.Fs);
        Assert.DoesNotContain(peaks[6], family);
        Assert.Equal(peaks.Length - 1, family.Length);
    }
}
