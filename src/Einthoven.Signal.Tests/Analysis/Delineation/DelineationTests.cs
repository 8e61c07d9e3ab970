using Einthoven.Signal.Analysis.Delineation;
using Einthoven.Signal.Analysis.Measurements;

namespace Einthoven.Signal.Tests.Analysis.Delineation;

public class DelineationTests
{
    private static (RepresentativeBeat Beat, BeatDelineation Waves) Delineate(SyntheticEcg ecg)
    {
        var leads = ecg.Leads(12);
        var beat = RepresentativeBeat.Build(leads, ecg.RPeaks(12), ecg.Fs)!;
        return (beat, WaveDelineator.Delineate(beat));
    }

    [Theory]
    [InlineData(500, 0.09)]
    [InlineData(500, 0.15)]
    [InlineData(100, 0.08)]
    [InlineData(100, 0.14)]
    public void Qrs_boundaries_match_the_known_wave_support(double fs, double qrsWidth)
    {
        var ecg = new SyntheticEcg(Fs: fs, QrsWidth: qrsWidth);
        var (beat, d) = Delineate(ecg);
        var tolerance = 0.02 * fs + 1;
        Assert.InRange(d.Qrs.Onset - beat.RIndex, ecg.QrsOnset * fs - 0.006 * fs - 1, ecg.QrsOnset * fs + tolerance);
        Assert.InRange(d.Qrs.Offset - beat.RIndex, -ecg.QrsOnset * fs - tolerance, -ecg.QrsOnset * fs + 0.006 * fs + 1);
        Assert.Equal(qrsWidth >= 0.12, d.Qrs.Length / fs >= 0.12);
    }

    [Fact]
    public void P_and_t_waves_are_found_where_they_were_put()
    {
        var ecg = new SyntheticEcg();
        var (beat, d) = Delineate(ecg);
        var qrsOnset = beat.RIndex + ecg.QrsOnset * ecg.Fs;
        var p = Assert.NotNull(d.P);
        Assert.InRange(p.Peak, qrsOnset - (ecg.Pr - ecg.PWidth / 2) * ecg.Fs - 5, qrsOnset - (ecg.Pr - ecg.PWidth / 2) * ecg.Fs + 5);
        Assert.InRange(p.Onset, qrsOnset - ecg.Pr * ecg.Fs - 2, qrsOnset - ecg.Pr * ecg.Fs + 0.03 * ecg.Fs);
        var t = Assert.NotNull(d.T);
        var tEnd = qrsOnset + ecg.Qt * ecg.Fs;
        Assert.InRange(t.Offset, tEnd - 0.03 * ecg.Fs, tEnd + 0.01 * ecg.Fs);
        Assert.InRange(t.Peak, tEnd - ecg.TWidth / 2 * ecg.Fs - 5, tEnd - ecg.TWidth / 2 * ecg.Fs + 5);
    }

    [Fact]
    public void Flat_baseline_before_qrs_means_no_p_wave()
    {
        var ecg = new SyntheticEcg();
        var leads = ecg.Leads(12);
        // Remove the P waves: rebuild with zero-width P by subtracting a copy that only has P.
        var withoutP = new SyntheticEcg(PWidth: 0.0001).Leads(12);
        var beat = RepresentativeBeat.Build(withoutP, ecg.RPeaks(12), ecg.Fs)!;
        Assert.Null(WaveDelineator.Delineate(beat).P);
        Assert.NotNull(WaveDelineator.Delineate(RepresentativeBeat.Build(leads, ecg.RPeaks(12), ecg.Fs)!).P);
    }

    [Theory]
    [InlineData(60)]
    [InlineData(-45)]
    [InlineData(110)]
    [InlineData(0)]
    public void Qrs_axis_recovers_the_synthetic_heart_vector(double axis)
    {
        var ecg = new SyntheticEcg(QrsAxis: axis);
        var (beat, d) = Delineate(ecg);
        var m = GlobalMeasurements.Measure(beat, d, SyntheticEcg.LimbLeads);
        Assert.InRange(m.QrsAxis!.Value, axis - 2, axis + 2);
        Assert.InRange(m.TAxis!.Value, axis - 2, axis + 2);
    }

    [Fact]
    public void Intervals_and_qt_corrections_follow_their_formulas()
    {
        var ecg = new SyntheticEcg(Rr: 0.64);
        var (beat, d) = Delineate(ecg);
        var m = GlobalMeasurements.Measure(beat, d, SyntheticEcg.LimbLeads);
        Assert.Equal(640, m.RrMs, 6);
        Assert.InRange(m.PrMs!.Value, 140, 165);
        Assert.InRange(m.QtMs!.Value, 350, 395);
        Assert.Equal(m.QtMs!.Value / Math.Sqrt(0.64), m.QtcBazettMs!.Value, 6);
        Assert.Equal(m.QtMs!.Value / Math.Cbrt(0.64), m.QtcFridericiaMs!.Value, 6);
        Assert.True(m.QtcBazettMs > m.QtcFridericiaMs);
    }

    [Fact]
    public void Every_beat_is_delineated_in_signal_coordinates()
    {
        var ecg = new SyntheticEcg();
        var peaks = ecg.RPeaks(12);
        var all = BeatDelineator.DelineateAll(ecg.Leads(12), peaks, ecg.Fs);
        Assert.Equal(peaks.Length, all.Count);
        foreach (var b in all)
        {
            Assert.InRange(b.Qrs.Onset, b.RPeak - 0.05 * ecg.Fs, b.RPeak - 0.03 * ecg.Fs);
            Assert.NotNull(b.P);
            Assert.True(b.T!.Value.Offset > b.Qrs.Offset);
        }
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        Assert.Throws<ArgumentException>(() => WaveDelineator.Delineate([], 0, 1, 100));
        Assert.Throws<ArgumentOutOfRangeException>(() => WaveDelineator.Delineate([new double[10]], 10, 1, 100));
        Assert.Throws<ArgumentException>(() => WaveDelineator.Delineate([new double[10], new double[9]], 1, 1, 100));
        Assert.Null(RepresentativeBeat.Build([new double[1000]], [500], 100));
    }
}
