using Einthoven.Models.Beats;

namespace Einthoven.Models.Tests.Beats;

public class BeatDecisionRuleTests
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
        var rule = BeatDecisionRule.Fit(probabilities, labels);
        Assert.True(rule.Scales[(int)AamiClass.S] > 2.2f, rule.Format());
        var matrix = rule.Confusion(probabilities, labels);
        Assert.Equal(1.0, matrix.Sensitivity(AamiClass.S));
        Assert.Equal(1.0, matrix.Sensitivity(AamiClass.N));
    }

    [Fact]
    public void Applying_scales_and_renormalises_and_the_text_form_round_trips()
    {
        var rule = new BeatDecisionRule([1f, 4f, 0.5f, 1f, 1f]);
        Span<float> row = [0.5f, 0.2f, 0.2f, 0.05f, 0.05f];
        rule.Apply(row);
        Assert.Equal(1f, row.ToArray().Sum(), 5);
        Assert.Equal(0.8f / 1.5f, row[1], 5);
        Assert.Equal(rule.Scales, BeatDecisionRule.Parse(rule.Format())!.Scales);
        Assert.Null(BeatDecisionRule.Parse("1,2,3"));
        Assert.Null(BeatDecisionRule.Parse("1,2,-3,1,1"));
        Assert.Throws<ArgumentException>(() => new BeatDecisionRule([1f, 0f, 1f, 1f, 1f]));
        Assert.Throws<ArgumentException>(() => BeatDecisionRule.Fit(new float[7], [AamiClass.N]));
    }
}
