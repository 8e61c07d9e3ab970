namespace Einthoven.Risk;

/// <summary>The risk factors in SI units, already validated (<see cref="RiskQuestionnaire.Validate"/>).</summary>
public sealed record RiskFactors(int Age, Sex Sex, bool Smoker, double SystolicBp, double TotalCholesterol, double HdlCholesterol);

/// <summary>
/// The ESC 2021 risk categories for apparently healthy people (2021 ESC Guidelines on cardiovascular disease prevention
/// in clinical practice, Eur Heart J 2021;42(34):3227-3337, doi:10.1093/eurheartj/ehab484, Table 4/Figure 2): by age,
/// under 50 &lt;2.5 % low-to-moderate, 2.5 to &lt;7.5 % high, ≥7.5 % very high; 50-69 &lt;5, 5 to &lt;10, ≥10;
/// 70 and over &lt;7.5, 7.5 to &lt;15, ≥15.
/// </summary>
public enum RiskCategory { LowToModerate, High, VeryHigh }

/// <summary>
/// A 10-year risk of fatal and non-fatal cardiovascular disease (myocardial infarction, stroke, cardiovascular death).
/// <see cref="RiskPercent"/> is rounded to one decimal, as it is shown, and the category is read from it, so that a
/// person never sees "7.5 %" filed under the band below 7.5 %.
/// </summary>
public sealed record Score2Result(
    RiskModel Model, RiskRegion Region, RiskFactors Factors,
    double LinearPredictor, double UncalibratedRisk, double Risk, double RiskPercent,
    RiskCategory Category, double HighFromPercent, double VeryHighFromPercent);

/// <summary>
/// SCORE2 (ages 40-69) and SCORE2-OP (70-89) exactly as published: transformed risk factors, the sex-specific
/// competing-risk-adjusted linear predictor with age interactions, 10-year risk = 1 - S0^exp(LP - mean LP), then the
/// region's recalibration 1 - exp(-exp(scale1 + scale2 · ln(-ln(1 - risk)))). No rounding between steps.
/// </summary>
public static class Score2Calculator
{
    public const int MinAge = 40, OlderPersonsFromAge = 70, MaxAge = 89;

    public static RiskModel ModelFor(int age) => age >= OlderPersonsFromAge ? RiskModel.Score2OlderPersons : RiskModel.Score2;

    /// <summary>The transformed (centred and scaled) age, SBP, total and HDL cholesterol each model's coefficients apply to.</summary>
    public static (double Age, double Sbp, double Total, double Hdl) Transformed(RiskModel model, RiskFactors f) => model == RiskModel.Score2
        ? ((f.Age - 60) / 5.0, (f.SystolicBp - 120) / 20.0, f.TotalCholesterol - 6, (f.HdlCholesterol - 1.3) / 0.5)
        : (f.Age - 73.0, f.SystolicBp - 150, f.TotalCholesterol - 6, f.HdlCholesterol - 1.4);

    public static double LinearPredictor(Score2Model m, RiskFactors f)
    {
        var (age, sbp, total, hdl) = Transformed(m.Model, f);
        var smoking = f.Smoker ? 1.0 : 0.0;
        return m.Age * age + m.Smoking * smoking + m.SystolicBp * sbp + m.TotalCholesterol * total + m.Hdl * hdl
             + m.SmokingAge * age * smoking + m.SystolicBpAge * age * sbp + m.TotalCholesterolAge * age * total + m.HdlAge * age * hdl;
    }

    /// <summary>The model's 10-year risk before region recalibration.</summary>
    public static double UncalibratedRisk(Score2Model m, double linearPredictor) =>
        1 - Math.Pow(m.BaselineSurvival, Math.Exp(linearPredictor - m.MeanLinearPredictor));

    /// <summary>The region's recalibration on the complementary log-log scale.</summary>
    public static double Recalibrate(Score2Model m, RiskRegion region, double risk)
    {
        var (scale1, scale2) = m.Regions[region];
        return 1 - Math.Exp(-Math.Exp(scale1 + scale2 * Math.Log(-Math.Log(1 - risk))));
    }

    public static Score2Result Compute(RiskFactors factors, RiskRegion region)
    {
        if (factors.Age is < MinAge or > MaxAge) throw new ArgumentOutOfRangeException(nameof(factors), factors.Age, $"SCORE2 and SCORE2-OP cover ages {MinAge}-{MaxAge}");
        var model = ModelFor(factors.Age);
        var coefficients = Score2Coefficients.For(model, factors.Sex);
        var lp = LinearPredictor(coefficients, factors);
        var uncalibrated = UncalibratedRisk(coefficients, lp);
        var risk = Recalibrate(coefficients, region, uncalibrated);
        var percent = Math.Round(risk * 100, 1, MidpointRounding.AwayFromZero);
        var (high, veryHigh) = Thresholds(factors.Age);
        return new Score2Result(model, region, factors, lp, uncalibrated, risk, percent, Categorise(factors.Age, percent), high, veryHigh);
    }

    /// <summary>The percentages from which the ESC 2021 categories "high" and "very high" begin at an age.</summary>
    public static (double High, double VeryHigh) Thresholds(int age) => age switch
    {
        < 50 => (2.5, 7.5),
        < 70 => (5, 10),
        _ => (7.5, 15),
    };

    public static RiskCategory Categorise(int age, double riskPercent)
    {
        var (high, veryHigh) = Thresholds(age);
        return riskPercent >= veryHigh ? RiskCategory.VeryHigh : riskPercent >= high ? RiskCategory.High : RiskCategory.LowToModerate;
    }
}
