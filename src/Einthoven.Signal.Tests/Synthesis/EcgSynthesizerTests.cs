using Einthoven.Signal.Records;
using Einthoven.Signal.Synthesis;

namespace Einthoven.Signal.Tests.Synthesis;

public class EcgSynthesizerTests
{
    private static readonly SynthesisOptions Mixed = new()
    {
        Duration = TimeSpan.FromMinutes(2), Leads = ["MLII", "V1"], MeanHeartRate = 70, PvcProbability = 0.08,
        AfEpisodes = [(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(40))], Seed = 7,
    };

    private static readonly EcgRecord Record = EcgSynthesizer.Generate(Mixed);

    private static IReadOnlyList<Annotation> Beats => Record.Annotations["atr"].Where(a => a.IsBeat).ToList();

    [Fact]
    public void The_same_seed_gives_the_same_record_and_another_seed_does_not()
    {
        var again = EcgSynthesizer.Generate(Mixed);
        var other = EcgSynthesizer.Generate(Mixed with { Seed = 8 });
        Assert.Equal(Record.Samples[0], again.Samples[0]);
        Assert.NotEqual(Record.Samples[0], other.Samples[0]);
    }

    [Fact]
    public void Every_beat_annotation_sits_on_the_r_peak_of_lead_mlii()
    {
        var x = Record.Samples[0];
        foreach (var beat in Beats.Where(b => b.Code == AnnotationCodes.Normal && b.Sample > 20 && b.Sample < x.Length - 20))
        {
            var window = x.AsSpan((int)beat.Sample - 20, 41); // +-55 ms
            var peak = window.IndexOf(window.ToArray().Max()) - 20;
            Assert.InRange(peak, -4, 4);
        }
    }

    [Fact]
    public void The_r_wave_is_about_one_millivolt_in_mlii_and_negative_in_v1()
    {
        var sinus = Beats.Where(b => b.Code == AnnotationCodes.Normal).Skip(2).Take(20).ToList();
        var mlii = sinus.Average(b => Record.Samples[0][b.Sample]) / Record.Info.Leads[0].Gain;
        var v1 = sinus.Average(b => Record.Samples[1][b.Sample]) / Record.Info.Leads[1].Gain;
        Assert.InRange(mlii, 0.6, 1.8);
        Assert.True(v1 < 0, $"V1 at the R peak is {v1:0.00} mV");
    }

    [Fact]
    public void Mean_heart_rate_outside_af_matches_the_request()
    {
        var sinusRr = RrIntervals(Beats.Where(b => b.Sample < 59 * Mixed.SamplingFrequency).ToList()).Where(rr => rr > 0.7 && rr < 1.1);
        Assert.InRange(60 / sinusRr.Average(), 65, 75);
    }

    [Fact]
    public void The_af_episode_is_annotated_and_irregular()
    {
        var rhythms = Record.Annotations["atr"].Where(a => a.Code == AnnotationCodes.Rhythm).Select(a => (a.Aux, a.Sample / Mixed.SamplingFrequency)).ToList();
        Assert.Equal(["(N", "(AFIB", "(N"], rhythms.Select(r => r.Aux));
        Assert.InRange(rhythms[1].Item2, 59, 62);
        Assert.InRange(rhythms[2].Item2, 99, 102);

        var af = RrIntervals(Beats.Where(b => b.Sample > 61 * 360 && b.Sample < 99 * 360).ToList()).ToList();
        var sinus = RrIntervals(Beats.Where(b => b.Sample < 59 * 360).ToList()).Where(rr => rr > 0.7 && rr < 1.1).ToList();
        Assert.True(Std(af) > 3 * Std(sinus), $"AF RR std {Std(af):0.000} s vs sinus {Std(sinus):0.000} s");
    }

    [Fact]
    public void Premature_ventricular_beats_are_early_and_labelled_V()
    {
        var beats = Beats;
        var pvcs = beats.Select((b, i) => (b, i)).Where(p => p.b.Code == AnnotationCodes.Pvc && p.i > 0 && p.i < beats.Count - 1).ToList();
        Assert.InRange(pvcs.Count, 2, 20);
        foreach (var (pvc, i) in pvcs)
            Assert.True(pvc.Sample - beats[i - 1].Sample < beats[i + 1].Sample - pvc.Sample, $"PVC at {pvc.Sample} is not premature");
    }

    [Fact]
    public void Unknown_leads_and_bad_rates_are_refused()
    {
        Assert.Throws<ArgumentException>(() => EcgSynthesizer.Generate(new SynthesisOptions { Leads = ["V9"] }));
        Assert.Throws<ArgumentOutOfRangeException>(() => EcgSynthesizer.Generate(new SynthesisOptions { MeanHeartRate = 0 }));
    }

    private static IEnumerable<double> RrIntervals(IReadOnlyList<Annotation> beats) =>
        beats.Zip(beats.Skip(1), (a, b) => (b.Sample - a.Sample) / Mixed.SamplingFrequency);

    private static double Std(IReadOnlyList<double> x)
    {
        var mean = x.Average();
        return Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / x.Count);
    }
}
