using Einthoven.Models.Beats;

namespace Einthoven.Models.Tests.Beats;

public class BeatDecisionRuleTests
{
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
    }
}
