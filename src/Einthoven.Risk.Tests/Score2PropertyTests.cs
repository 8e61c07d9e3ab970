using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Einthoven.Risk.Tests;

/// <summary>Properties over the whole accepted input space: risk in (0, 1), rising with SBP, total cholesterol and smoking, falling with HDL.</summary>
public class Score2PropertyTests
{
    private static Gen<RiskFactors> Factors(int maxAge = Score2Calculator.MaxAge) =>
        from age in Gen.Choose(Score2Calculator.MinAge, maxAge)
        from male in ArbMap.Default.GeneratorFor<bool>()
        from smoker in ArbMap.Default.GeneratorFor<bool>()
        from sbp in Gen.Choose(100, 200)
        from total in Gen.Choose(300, 1000)
        from hdl in Gen.Choose(50, 300)
        where hdl < total
        select new RiskFactors(age, male ? Sex.Male : Sex.Female, smoker, sbp, total / 100.0, hdl / 100.0);

    private static Gen<RiskRegion> Regions => Gen.Elements(Enum.GetValues<RiskRegion>());

    private static double Risk(RiskFactors f, RiskRegion r) => Score2Calculator.Compute(f, r).Risk;

    [Property(MaxTest = 500)]
    public Property Risk_is_a_probability() => Prop.ForAll(Factors().ToArbitrary(), Regions.ToArbitrary(), (f, r) =>
    {
        var result = Score2Calculator.Compute(f, r);
        return result.Risk > 0 && result.Risk < 1 && result.RiskPercent is >= 0 and <= 100;
    });

    [Property(MaxTest = 500)]
    public Property Risk_rises_with_systolic_pressure() => Prop.ForAll(Factors().ToArbitrary(), Regions.ToArbitrary(), (f, r) =>
        f.SystolicBp >= 200 || Risk(f with { SystolicBp = f.SystolicBp + 1 }, r) > Risk(f, r));

    [Property(MaxTest = 500)]
    public Property Risk_rises_with_total_cholesterol() => Prop.ForAll(Factors().ToArbitrary(), Regions.ToArbitrary(), (f, r) =>
        f.TotalCholesterol >= 10 || Risk(f with { TotalCholesterol = f.TotalCholesterol + 0.1 }, r) > Risk(f, r));

    [Property(MaxTest = 500)]
    public Property Risk_falls_with_hdl() => Prop.ForAll(Factors().ToArbitrary(), Regions.ToArbitrary(), (f, r) =>
        f.HdlCholesterol >= 3 || Risk(f with { HdlCholesterol = f.HdlCholesterol + 0.1 }, r) < Risk(f, r));

    // The published SCORE2-OP smoking-by-age interaction for men (0.3524 - 0.0247 per year over 73) turns the smoking
    // effect negative after 87.3 years; the property holds to 87, and the next test pins the published behaviour.
    [Property(MaxTest = 500)]
    public Property Smoking_raises_the_risk() => Prop.ForAll(Factors(maxAge: 87).ToArbitrary(), Regions.ToArbitrary(), (f, r) =>
        Risk(f with { Smoker = true }, r) > Risk(f with { Smoker = false }, r));

    [Fact]
    public void The_published_older_men_smoking_interaction_reverses_after_87()
    {
        var f = new RiskFactors(89, Sex.Male, false, 140, 5.5, 1.3);
        Assert.True(Risk(f with { Smoker = true }, RiskRegion.VeryHigh) < Risk(f, RiskRegion.VeryHigh));
    }
}
