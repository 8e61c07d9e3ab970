namespace Einthoven.Risk.Tests;

/// <summary>
/// The papers' own numbers. SCORE2 (Eur Heart J 2021;42:2439): the worked example of Supplementary Methods Table 4
/// (a 50-year-old smoker, SBP 140 mmHg, total cholesterol 6.3 mmol/L, HDL 1.4 mmol/L: linear predictor, uncalibrated
/// risk and the four regions' risks to 4 decimals), and the abstract's example (50-year-old smoker, SBP 140, total 5.5,
/// HDL 1.3: men 5.9 % low to 14.0 % very high, women 4.2 % to 13.7 %, to 0.1 %).
/// </summary>
public class Score2PublishedExamplesTests
{
    private static RiskFactors Table4(Sex sex) => new(50, sex, Smoker: true, SystolicBp: 140, TotalCholesterol: 6.3, HdlCholesterol: 1.4);

    [Theory]
    [InlineData(Sex.Male, 0.3221, 0.0541)]
    [InlineData(Sex.Female, 0.3979, 0.0332)]
    public void Supplementary_table_4_linear_predictor_and_uncalibrated_risk(Sex sex, double lp, double uncalibrated)
    {
        var m = Score2Coefficients.For(RiskModel.Score2, sex);
        var f = Table4(sex);
        Assert.Equal(lp, Math.Round(Score2Calculator.LinearPredictor(m, f), 4));
        Assert.Equal(uncalibrated, Math.Round(Score2Calculator.UncalibratedRisk(m, Score2Calculator.LinearPredictor(m, f)), 4));
    }

    // The table rounds to 4 decimals at every step; two of its cells (women, low and very high) therefore differ from
    // the unrounded computation by one unit in the 4th decimal. Those two are checked to ±0.0001, the rest exactly.
    [Theory]
    [InlineData(Sex.Male, RiskRegion.Low, 0.0631, 0)]
    [InlineData(Sex.Male, RiskRegion.Moderate, 0.0811, 0)]
    [InlineData(Sex.Male, RiskRegion.High, 0.0881, 0)]
    [InlineData(Sex.Male, RiskRegion.VeryHigh, 0.1506, 0)]
    [InlineData(Sex.Female, RiskRegion.Low, 0.0433, 0.0001)]
    [InlineData(Sex.Female, RiskRegion.Moderate, 0.0523, 0)]
    [InlineData(Sex.Female, RiskRegion.High, 0.0713, 0)]
    [InlineData(Sex.Female, RiskRegion.VeryHigh, 0.1413, 0.0001)]
    public void Supplementary_table_4_region_risks(Sex sex, RiskRegion region, double published, double tolerance)
    {
        var result = Score2Calculator.Compute(Table4(sex), region);
        Assert.Equal(RiskModel.Score2, result.Model);
        Assert.InRange(Math.Round(result.Risk, 4), published - tolerance - 1e-12, published + tolerance + 1e-12);
    }

    [Theory]
    [InlineData(Sex.Male, RiskRegion.Low, 5.9)]
    [InlineData(Sex.Male, RiskRegion.VeryHigh, 14.0)]
    [InlineData(Sex.Female, RiskRegion.Low, 4.2)]
    [InlineData(Sex.Female, RiskRegion.VeryHigh, 13.7)]
    public void Abstract_example(Sex sex, RiskRegion region, double percent)
    {
        var result = Score2Calculator.Compute(new RiskFactors(50, sex, true, 140, 5.5, 1.3), region);
        Assert.Equal(percent, result.RiskPercent);
    }

    [Fact]
    public void Uzbekistan_is_scored_in_the_very_high_risk_region()
    {
        Assert.Equal(RiskRegion.VeryHigh, RiskRegions.Uzbekistan);
        Assert.Equal(RiskRegions.Uzbekistan, RiskRegions.Default);
    }
}
