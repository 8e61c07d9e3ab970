using Einthoven.Models.Beats;
using Einthoven.Training.Beats;

namespace Einthoven.Training.Tests.Beats;

public class PrematureBeatRuleFittingTests
{
    private static float[] Row(double prematurity, double pWave)
    {
        var row = new float[BeatInputLayout.FeatureCount];
        row[3] = row[12] = (float)Math.Log(prematurity);
        row[BeatFeatureExtractor.IrregularityFeature] = 0.02f;
        row[BeatFeatureExtractor.RhythmFeatureCount] = 0.97f;
        row[BeatFeatureExtractor.RhythmFeatureCount + 4] = (float)pWave;
        return row;
    }

    // 1000 N beats on time with a sinus P wave, 50 premature S beats with an unlike P wave, 50 premature N beats with
    // a sinus P wave (sinus arrhythmia), all called N by the network.
    private static (float[] Probabilities, BeatFeatures Features, AamiClass[] Labels) Beats()
    {
        var rows = new List<float[]>();
        var labels = new List<AamiClass>();
        for (var i = 0; i < 1000; i++) { rows.Add(Row(1, 0.95)); labels.Add(AamiClass.N); }
        for (var i = 0; i < 50; i++) { rows.Add(Row(0.7, 0.2)); labels.Add(AamiClass.S); }
        for (var i = 0; i < 50; i++) { rows.Add(Row(0.8, 0.95)); labels.Add(AamiClass.N); }
        var probabilities = labels.SelectMany(_ => new[] { 0.9f, 0.1f, 0, 0, 0 }).ToArray();
        return (probabilities, new BeatFeatures(new float[rows.Count * BeatInputLayout.InputSize], rows.SelectMany(r => r).ToArray()), labels.ToArray());
    }

    [Fact]
    public void The_fitted_rule_calls_the_premature_beats_with_an_unlike_P_wave_S_and_not_the_sinus_ones()
    {
        var (probabilities, features, labels) = Beats();
        var rule = PrematureBeatRuleFitting.Fit(probabilities, features, labels);
        Assert.False(rule.IsOff);
        Assert.True(rule.Fires(features.FeatureRow(1000)));
        Assert.False(rule.Fires(features.FeatureRow(1050)));
        Assert.False(rule.Fires(features.FeatureRow(0)));
    }

    [Fact]
    public void Where_calling_premature_beats_S_would_not_help_the_rule_stays_off()
    {
        var (probabilities, features, labels) = Beats();
        var allNormal = labels.Select(_ => AamiClass.N).ToArray();
        Assert.True(PrematureBeatRuleFitting.Fit(probabilities, features, allNormal).IsOff);
        Assert.Throws<ArgumentException>(() => PrematureBeatRuleFitting.Fit(probabilities.AsSpan(5).ToArray(), features, labels));
    }
}
