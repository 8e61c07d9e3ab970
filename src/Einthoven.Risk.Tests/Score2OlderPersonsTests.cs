namespace Einthoven.Risk.Tests;

/// <summary>
/// SCORE2-OP (Eur Heart J 2021;42:2455). No worked example of the paper was at hand (docs/RISK.md), so these check the
/// published structure where it gives closed values: at the centring values (age 73, SBP 150 mmHg, total 6 mmol/L,
/// HDL 1.4 mmol/L, non-smoker) every transformed factor is 0, so the uncalibrated risk is 1 - S0^exp(-mean LP) with the
/// published S0 and mean; one step of each factor moves the linear predictor by its published coefficient; the model
/// changes at 70.
/// </summary>
public class Score2OlderPersonsTests
{
    private static readonly RiskFactors Centre = new(73, Sex.Male, false, 150, 6, 1.4);

    [Theory]
    [InlineData(Sex.Male, 0.7576, 0.0929)]
    [InlineData(Sex.Female, 0.8082, 0.2290)]
    public void At_the_centring_values_the_risk_is_the_baseline(Sex sex, double s0, double meanLp)
    {
        var f = Centre with { Sex = sex };
        var m = Score2Coefficients.For(RiskModel.Score2OlderPersons, sex);
        Assert.Equal(0, Score2Calculator.LinearPredictor(m, f), 12);
        var expected = 1 - Math.Pow(s0, Math.Exp(-meanLp));
        Assert.Equal(expected, Score2Calculator.UncalibratedRisk(m, 0), 12);
        foreach (var region in Enum.GetValues<RiskRegion>())
        {
            var (a, b) = m.Regions[region];
            Assert.Equal(1 - Math.Exp(-Math.Exp(a + b * Math.Log(-Math.Log(1 - expected)))), Score2Calculator.Compute(f, region).Risk, 12);
        }
    }

    [Fact]
    public void Each_factor_moves_the_linear_predictor_by_its_published_coefficient()
    {
        var m = Score2Coefficients.OlderMale;
        double Lp(RiskFactors f) => Score2Calculator.LinearPredictor(m, f);
        Assert.Equal(0.0634, Lp(Centre with { Age = 74 }), 12);
        Assert.Equal(0.3524, Lp(Centre with { Smoker = true }), 12);
        Assert.Equal(0.0094, Lp(Centre with { SystolicBp = 151 }), 12);
        Assert.Equal(0.0850, Lp(Centre with { TotalCholesterol = 7 }), 12);
        Assert.Equal(-0.3564, Lp(Centre with { HdlCholesterol = 2.4 }), 12);
        Assert.Equal(0.0634 * 2 + 0.3524 - 0.0247 * 2, Lp(Centre with { Age = 75, Smoker = true }), 12);
    }

    [Theory]
    [InlineData(69, RiskModel.Score2)]
    [InlineData(70, RiskModel.Score2OlderPersons)]
    [InlineData(89, RiskModel.Score2OlderPersons)]
    public void The_model_follows_the_age(int age, RiskModel model) =>
        Assert.Equal(model, Score2Calculator.Compute(Centre with { Age = age }, RiskRegion.VeryHigh).Model);

    [Fact]
    public void Older_persons_are_categorised_on_their_own_thresholds()
    {
        var r = Score2Calculator.Compute(new RiskFactors(75, Sex.Female, false, 130, 5, 1.6), RiskRegion.Low);
        Assert.Equal((7.5, 15.0), (r.HighFromPercent, r.VeryHighFromPercent));
    }
}
