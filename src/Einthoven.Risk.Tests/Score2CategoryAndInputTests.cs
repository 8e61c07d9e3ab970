namespace Einthoven.Risk.Tests;

public class Score2CategoryAndInputTests
{
    [Theory]
    [InlineData(40, 2.4, RiskCategory.LowToModerate)]
    [InlineData(49, 2.5, RiskCategory.High)]
    [InlineData(49, 7.4, RiskCategory.High)]
    [InlineData(49, 7.5, RiskCategory.VeryHigh)]
    [InlineData(50, 4.9, RiskCategory.LowToModerate)]
    [InlineData(50, 5.0, RiskCategory.High)]
    [InlineData(69, 9.9, RiskCategory.High)]
    [InlineData(69, 10.0, RiskCategory.VeryHigh)]
    [InlineData(70, 7.4, RiskCategory.LowToModerate)]
    [InlineData(70, 7.5, RiskCategory.High)]
    [InlineData(89, 14.9, RiskCategory.High)]
    [InlineData(89, 15.0, RiskCategory.VeryHigh)]
    public void Esc_2021_categories_by_age(int age, double percent, RiskCategory category) =>
        Assert.Equal(category, Score2Calculator.Categorise(age, percent));

    private static RiskQuestionnaire Valid(CholesterolUnit unit = CholesterolUnit.MmolPerL, double total = 5.5, double hdl = 1.3) =>
        new(50, Sex.Male, true, 140, total, hdl, unit, false, false, false, false);

    [Fact]
    public void Mg_per_dl_gives_the_same_risk_as_mmol_per_l()
    {
        var si = Score2Calculator.Compute(Valid().Factors(), RiskRegion.VeryHigh);
        var mg = Score2Calculator.Compute(Valid(CholesterolUnit.MgPerDl, 5.5 * 38.67, 1.3 * 38.67).Factors(), RiskRegion.VeryHigh);
        Assert.Equal(si.Risk, mg.Risk, 12);
        Assert.Equal(212.685 / 38.67, Valid(CholesterolUnit.MgPerDl, 212.685, 50).Factors().TotalCholesterol, 12);
    }

    [Fact]
    public void Every_missing_answer_is_named()
    {
        var errors = new RiskQuestionnaire(null, null, null, null, null, null, null, null, null, null, null).Validate();
        Assert.Equal(["age", "sex", "smoker", "systolicBp", "cholesterolUnit", "totalCholesterol", "hdlCholesterol",
            "cardiovascularDisease", "diabetes", "chronicKidneyDisease", "familialHypercholesterolaemia"], errors.Select(e => e.Field));
        Assert.All(errors, e => Assert.Equal("required", e.Code));
    }

    [Theory]
    [InlineData(39, "age", 40, 89, "years")]
    [InlineData(90, "age", 40, 89, "years")]
    public void Age_outside_the_models(int age, string field, double min, double max, string unit) =>
        Assert.Equal(new RiskInputError(field, "range", min, max, unit), Assert.Single((Valid() with { Age = age }).Validate()));

    [Theory]
    [InlineData(99.9)]
    [InlineData(200.1)]
    [InlineData(double.NaN)]
    public void Systolic_pressure_outside_100_to_200(double sbp) =>
        Assert.Equal(new RiskInputError("systolicBp", "range", 100, 200, "mmHg"), Assert.Single((Valid() with { SystolicBp = sbp }).Validate()));

    [Theory]
    [InlineData(100.0)]
    [InlineData(200.0)]
    public void Systolic_pressure_bounds_are_accepted(double sbp) => Assert.Empty((Valid() with { SystolicBp = sbp }).Validate());

    [Fact]
    public void Cholesterol_ranges_are_told_in_the_unit_used()
    {
        Assert.Equal(new RiskInputError("totalCholesterol", "range", 3, 10, "mmol/L"), Assert.Single(Valid(total: 2.9).Validate()));
        Assert.Equal(new RiskInputError("totalCholesterol", "range", 116, 387, "mg/dL"), Assert.Single(Valid(CholesterolUnit.MgPerDl, 400, 50).Validate()));
        Assert.Equal(new RiskInputError("hdlCholesterol", "range", 19, 117, "mg/dL"), Assert.Single(Valid(CholesterolUnit.MgPerDl, 200, 18).Validate()));
        Assert.Empty(Valid(CholesterolUnit.MgPerDl, 116, 19).Validate());
        Assert.Empty(Valid(CholesterolUnit.MgPerDl, 387, 117).Validate());
        // mmol/L values typed into the mg/dL form (a common slip) are named, not scored.
        Assert.Equal(["totalCholesterol", "hdlCholesterol"], Valid(CholesterolUnit.MgPerDl, 5.5, 1.3).Validate().Select(e => e.Field));
    }

    [Fact]
    public void Hdl_must_be_below_total() =>
        Assert.Equal(new RiskInputError("hdlCholesterol", "hdlNotBelowTotal"), Assert.Single(Valid(total: 3.0, hdl: 3.0).Validate()));

    [Fact]
    public void Conditions_the_score_is_not_for_are_listed()
    {
        Assert.Empty(Valid().Exclusions());
        var all = Valid() with { CardiovascularDisease = true, Diabetes = true, ChronicKidneyDisease = true, FamilialHypercholesterolaemia = true };
        Assert.Equal(Enum.GetValues<RiskExclusion>(), all.Exclusions());
        Assert.Empty(all.Validate());
    }
}
