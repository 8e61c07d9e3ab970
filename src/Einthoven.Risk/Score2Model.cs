namespace Einthoven.Risk;

public enum Sex { Male, Female }

/// <summary>
/// The four European risk regions of SCORE2 and SCORE2-OP, grouped by the countries' age- and sex-standardised
/// cardiovascular mortality (WHO). Uzbekistan is in <see cref="VeryHigh"/>: docs/RISK.md says where that comes from.
/// </summary>
public enum RiskRegion { Low, Moderate, High, VeryHigh }

/// <summary>Which published model gives the risk: SCORE2 for ages 40-69, SCORE2-OP for 70 and over.</summary>
public enum RiskModel { Score2, Score2OlderPersons }

/// <summary>
/// One sex's published model: coefficients on the transformed risk factors and their age interactions, the baseline
/// survival at 10 years, the mean linear predictor subtracted (SCORE2-OP only) and the four regions' recalibration
/// scales on the complementary log-log scale. Values exactly as published (see <see cref="Score2Coefficients"/>).
/// </summary>
public sealed record Score2Model(
    RiskModel Model,
    Sex Sex,
    double Age, double Smoking, double SystolicBp, double TotalCholesterol, double Hdl,
    double SmokingAge, double SystolicBpAge, double TotalCholesterolAge, double HdlAge,
    double BaselineSurvival, double MeanLinearPredictor,
    IReadOnlyDictionary<RiskRegion, (double Scale1, double Scale2)> Regions);

/// <summary>
/// The published coefficients. SCORE2: SCORE2 working group and ESC Cardiovascular risk collaboration, "SCORE2 risk
/// prediction algorithms: new models to estimate 10-year risk of cardiovascular disease in Europe", Eur Heart J
/// 2021;42(25):2439-2454, doi:10.1093/eurheartj/ehab309, Supplementary Methods Table 2 (coefficients, transformations,
/// baseline survival) and Table 3 (region scales). SCORE2-OP: SCORE2-OP working group and ESC Cardiovascular risk
/// collaboration, "SCORE2-OP risk prediction algorithms: estimating incident cardiovascular event risk in older persons
/// in four geographical risk regions", Eur Heart J 2021;42(25):2455-2467, doi:10.1093/eurheartj/ehab312 (coefficients,
/// baseline survival, mean linear predictor, region scales). The diabetes terms of both models are left out: the
/// scores are not for people with diabetes (the calculator refuses them), so the term is always zero.
/// </summary>
public static class Score2Coefficients
{
    public static readonly Score2Model Score2Male = new(RiskModel.Score2, Sex.Male,
        Age: 0.3742, Smoking: 0.6012, SystolicBp: 0.2777, TotalCholesterol: 0.1458, Hdl: -0.2698,
        SmokingAge: -0.0755, SystolicBpAge: -0.0255, TotalCholesterolAge: -0.0281, HdlAge: 0.0426,
        BaselineSurvival: 0.9605, MeanLinearPredictor: 0,
        Regions: new Dictionary<RiskRegion, (double, double)>
        {
            [RiskRegion.Low] = (-0.5699, 0.7476),
            [RiskRegion.Moderate] = (-0.1565, 0.8009),
            [RiskRegion.High] = (0.3207, 0.9360),
            [RiskRegion.VeryHigh] = (0.5836, 0.8294),
        });

    public static readonly Score2Model Score2Female = new(RiskModel.Score2, Sex.Female,
        Age: 0.4648, Smoking: 0.7744, SystolicBp: 0.3131, TotalCholesterol: 0.1002, Hdl: -0.2606,
        SmokingAge: -0.1088, SystolicBpAge: -0.0277, TotalCholesterolAge: -0.0226, HdlAge: 0.0613,
        BaselineSurvival: 0.9776, MeanLinearPredictor: 0,
        Regions: new Dictionary<RiskRegion, (double, double)>
        {
            [RiskRegion.Low] = (-0.7380, 0.7019),
            [RiskRegion.Moderate] = (-0.3143, 0.7701),
            [RiskRegion.High] = (0.5710, 0.9369),
            [RiskRegion.VeryHigh] = (0.9412, 0.8329),
        });

    public static readonly Score2Model OlderMale = new(RiskModel.Score2OlderPersons, Sex.Male,
        Age: 0.0634, Smoking: 0.3524, SystolicBp: 0.0094, TotalCholesterol: 0.0850, Hdl: -0.3564,
        SmokingAge: -0.0247, SystolicBpAge: -0.0005, TotalCholesterolAge: 0.0073, HdlAge: 0.0091,
        BaselineSurvival: 0.7576, MeanLinearPredictor: 0.0929,
        Regions: new Dictionary<RiskRegion, (double, double)>
        {
            [RiskRegion.Low] = (-0.34, 1.19),
            [RiskRegion.Moderate] = (0.01, 1.25),
            [RiskRegion.High] = (0.08, 1.15),
            [RiskRegion.VeryHigh] = (0.05, 0.70),
        });

    public static readonly Score2Model OlderFemale = new(RiskModel.Score2OlderPersons, Sex.Female,
        Age: 0.0789, Smoking: 0.4921, SystolicBp: 0.0102, TotalCholesterol: 0.0605, Hdl: -0.3040,
        SmokingAge: -0.0255, SystolicBpAge: -0.0004, TotalCholesterolAge: -0.0009, HdlAge: 0.0154,
        BaselineSurvival: 0.8082, MeanLinearPredictor: 0.2290,
        Regions: new Dictionary<RiskRegion, (double, double)>
        {
            [RiskRegion.Low] = (-0.52, 1.01),
            [RiskRegion.Moderate] = (-0.10, 1.10),
            [RiskRegion.High] = (0.38, 1.09),
            [RiskRegion.VeryHigh] = (0.38, 0.69),
        });

    public static Score2Model For(RiskModel model, Sex sex) => (model, sex) switch
    {
        (RiskModel.Score2, Sex.Male) => Score2Male,
        (RiskModel.Score2, Sex.Female) => Score2Female,
        (RiskModel.Score2OlderPersons, Sex.Male) => OlderMale,
        _ => OlderFemale,
    };
}

/// <summary>
/// The region of the countries the platform serves. Uzbekistan is a very-high-risk country: it is listed among the
/// very-high-risk countries of SCORE2 (Eur Heart J 2021;42:2439; regions by the WHO age- and sex-standardised CVD
/// mortality rates, very high from 300 deaths per 100 000) and of the 2021 ESC prevention guidelines (Eur Heart J
/// 2021;42:3227), and SCORE2-OP uses the same four regions (Eur Heart J 2021;42:2455). docs/RISK.md has the sources.
/// </summary>
public static class RiskRegions
{
    public const RiskRegion Uzbekistan = RiskRegion.VeryHigh;
    public const RiskRegion Default = Uzbekistan;
}
