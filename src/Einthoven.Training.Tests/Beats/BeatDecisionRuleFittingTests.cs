using Einthoven.Models.Beats;
using Einthoven.Training.Beats;

namespace Einthoven.Training.Tests.Beats;

public class BeatDecisionRuleFittingTests
{
    // 900 N beats and 100 S beats; the model gives every S beat P(S) = 0.3 and every N beat P(S) = 0.05, so the most
    // probable class never says S although the two are perfectly separable.
    private static (float[] Probabilities, AamiClass[] Labels) Underconfident()
    {
        var labels = Enumerable.Repeat(AamiClass.N, 900).Concat(Enumerable.Repeat(AamiClass.S, 100)).ToArray();
        var probabilities = labels.SelectMany(l => l == AamiClass.S ? new[] { 0.68f, 0.3f, 0.01f, 0.005f, 0.005f } : [0.93f, 0.05f, 0.01f, 0.005f, 0.005f]).ToArray();
        return (probabilities, labels);
    }

    [Fact]
    public void Fitting_on_held_out_predictions_raises_the_scale_of_an_underestimated_class()
    {
        var (probabilities, labels) = Underconfident();
        Assert.Equal(0, BeatDecisionRule.Identity.Confusion(probabilities, labels).Sensitivity(AamiClass.S));
        var rule = BeatDecisionRuleFitting.Fit(probabilities, labels);
        Assert.True(rule.Scales[(int)AamiClass.S] > 2.2f, rule.Format());
        var matrix = rule.Confusion(probabilities, labels);
        Assert.Equal(1.0, matrix.Sensitivity(AamiClass.S));
        Assert.Equal(1.0, matrix.Sensitivity(AamiClass.N));
    }

    [Fact]
    public void Predictions_and_labels_of_different_lengths_are_refused() =>
        Assert.Throws<ArgumentException>(() => BeatDecisionRuleFitting.Fit(new float[7], [AamiClass.N]));
}
