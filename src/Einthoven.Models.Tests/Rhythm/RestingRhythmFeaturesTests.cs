using Einthoven.Models.Rhythm;
using Einthoven.Signal.Analysis.Measurements;

namespace Einthoven.Models.Tests.Rhythm;

public class RestingRhythmFeaturesTests
{
    private static RhythmPrediction Lead(string label, float n, float a, float o, float noisy) => new(label, [n, a, o, noisy]);

    private static float[] LeadFeatures(float rrCv)
    {
        var features = new float[RhythmFeatures.Count];
        features[Array.IndexOf(RhythmFeatures.Names, "rr_cv")] = rrCv;
        return features;
    }

    private static double Feature(double[] values, string name) => values[Array.IndexOf(RestingRhythmFeatures.Names, name)];

    [Fact]
    public void Leads_called_too_noisy_are_left_out_of_every_summary()
    {
        var predictions = new[] { Lead("N", 0.9f, 0.05f, 0.05f, 0), Lead("A", 0.3f, 0.6f, 0.1f, 0), Lead("~", 0, 0, 0.1f, 0.9f) };
        var values = RestingRhythmFeatures.Compute(predictions, [LeadFeatures(0.02f), LeadFeatures(0.04f), LeadFeatures(0.9f)], new PWavePresence(10, 9, 4));
        Assert.Equal(RestingRhythmFeatures.Count, values.Length);
        Assert.Equal(0.6, Feature(values, "p_N_mean"), 6);
        Assert.Equal(0.9, Feature(values, "p_N_max"), 6);
        Assert.Equal(0.3, Feature(values, "p_N_min"), 6);
        Assert.Equal(0.6, Feature(values, "p_A_max"), 6);
        Assert.Equal(0.03, Feature(values, "median_rr_cv"), 6);
        Assert.Equal(2 / 3.0, Feature(values, "readable_lead_share"), 6);
        Assert.Equal(0.9, Feature(values, "p_wave_share"), 6);
        Assert.Equal(4, Feature(values, "pr_spread_ms"), 6);
    }

    [Fact]
    public void When_every_lead_is_too_noisy_all_are_summarised_and_an_unmeasured_pr_spread_counts_as_unsteady()
    {
        var predictions = new[] { Lead("~", 0.2f, 0, 0, 0.8f), Lead("~", 0.4f, 0, 0, 0.6f), Lead("~", 0, 0, 0, 1) };
        var values = RestingRhythmFeatures.Compute(predictions, [LeadFeatures(0), LeadFeatures(0), LeadFeatures(0)], new PWavePresence(2, 0, null));
        Assert.Equal(0.2, Feature(values, "p_N_mean"), 6);
        Assert.Equal(1, Feature(values, "readable_lead_share"));
        Assert.Equal(RestingRhythmFeatures.UnsteadyPrSpreadMs, Feature(values, "pr_spread_ms"));
        Assert.Throws<ArgumentException>(() => RestingRhythmFeatures.Compute(predictions, [LeadFeatures(0)], new PWavePresence(2, 0, null)));
    }
}
