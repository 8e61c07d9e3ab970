using Einthoven.Models.Rhythm;
using Einthoven.Signal.Synthesis;

namespace Einthoven.Models.Tests.Rhythm;

public class RhythmFeaturesTests
{
    private static float Feature(float[] values, string name) => values[Array.IndexOf(RhythmFeatures.Names, name)];

    private static float[] Synthetic(bool fibrillation) => RhythmFeatures.Extract(EcgSynthesizer.Generate(new SynthesisOptions
    {
        SamplingFrequency = 300, Duration = TimeSpan.FromSeconds(30), Leads = ["I"], MeanHeartRate = 70, Seed = 5,
        AfEpisodes = fibrillation ? [(TimeSpan.Zero, TimeSpan.FromSeconds(30))] : [],
    }));

    [Fact]
    public void Synthetic_af_is_more_irregular_and_has_less_p_wave_than_sinus_rhythm()
    {
        var sinus = Synthetic(false);
        var af = Synthetic(true);
        Assert.Equal(RhythmFeatures.Count, sinus.Length);
        Assert.True(Feature(af, "rr_cv") > 2 * Feature(sinus, "rr_cv"), $"{Feature(af, "rr_cv")} vs {Feature(sinus, "rr_cv")}");
        Assert.True(Feature(af, "frac_diff_over_50ms") > Feature(sinus, "frac_diff_over_50ms"));
        Assert.True(Feature(af, "p_wave_over_qrs") < Feature(sinus, "p_wave_over_qrs"),
            $"{Feature(af, "p_wave_over_qrs")} vs {Feature(sinus, "p_wave_over_qrs")}");
        Assert.InRange(Feature(sinus, "rr_median_s"), 60 / 80.0, 60 / 60.0);
        Assert.InRange(Feature(sinus, "qrs_width_s"), 0.04, 0.14);
        Assert.True(Feature(sinus, "template_correlation") > 0.9);
        Assert.Equal(30, Feature(sinus, "duration_s"), 3);
    }

    [Fact]
    public void Short_or_flat_signals_give_finite_features()
    {
        foreach (var signal in new[] { new double[100], new double[3000], Enumerable.Repeat(double.NaN, 900).ToArray() })
        {
            var values = RhythmFeatures.Extract(signal, 300, 0.005);
            Assert.Equal(RhythmFeatures.Count, values.Length);
            Assert.All(values, v => Assert.True(float.IsFinite(v)));
        }
    }
}
