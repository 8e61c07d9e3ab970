using Einthoven.Evaluation.Statistics;

namespace Einthoven.Evaluation.Tests.Statistics;

public sealed class WilsonIntervalTests
{
    [Theory]
    // Reference values: Newcombe (1998), Table I (Wilson score method, 95 %).
    [InlineData(81, 263, 0.2553, 0.3662)]
    [InlineData(15, 148, 0.0624, 0.1605)]
    [InlineData(0, 20, 0.0, 0.1611)]
    [InlineData(1, 29, 0.0061, 0.1718)]
    [InlineData(5, 5, 0.5655, 1.0)]
    public void Matches_published_values(int successes, int trials, double lower, double upper)
    {
        var ci = WilsonInterval.Of(successes, trials);
        Assert.Equal(lower, ci.Lower, 4);
        Assert.Equal(upper, ci.Upper, 4);
    }

    [Fact]
    public void No_trial_gives_the_whole_range() => Assert.Equal(new WilsonInterval(0, 1), WilsonInterval.Of(0, 0));
}
