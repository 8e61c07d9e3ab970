namespace Einthoven.Risk;

public enum CholesterolUnit { MmolPerL, MgPerDl }

/// <summary>Conditions for which SCORE2 and SCORE2-OP do not apply (ESC 2021: they already put a person at high or very high risk, or need another score).</summary>
public enum RiskExclusion { CardiovascularDisease, Diabetes, ChronicKidneyDisease, FamilialHypercholesterolaemia }

/// <summary>
/// A field that cannot be used, with why: <see cref="Code"/> is <c>required</c>, <c>range</c> (with <see cref="Min"/>,
/// <see cref="Max"/> and <see cref="Unit"/> in the unit the person used) or <c>hdlNotBelowTotal</c>.
/// <see cref="Field"/> is the request's JSON name.
/// </summary>
public sealed record RiskInputError(string Field, string Code, double? Min = null, double? Max = null, string? Unit = null);

/// <summary>
/// The questionnaire as a person fills it in: every answer may be missing (then it is named), cholesterol in mmol/L or
/// mg/dL. <see cref="Validate"/> names every field that cannot be used; <see cref="Exclusions"/> the conditions for which
/// the score does not apply.
/// </summary>
public sealed record RiskQuestionnaire(
    int? Age, Sex? Sex, bool? Smoker, double? SystolicBp,
    double? TotalCholesterol, double? HdlCholesterol, CholesterolUnit? CholesterolUnit,
    bool? CardiovascularDisease, bool? Diabetes, bool? ChronicKidneyDisease, bool? FamilialHypercholesterolaemia)
{
    /// <summary>mg/dL per mmol/L of cholesterol (molar mass 386.65 g/mol).</summary>
    public const double MgPerDlPerMmolPerL = 38.67;

    /// <summary>
    /// The ranges this implementation accepts, in SI units: the model's ages, and around the ranges of the derivation
    /// cohorts and the ESC charts (SBP 100-179 mmHg, non-HDL cholesterol 3-6.9 mmol/L drawn; docs/RISK.md).
    /// </summary>
    public const double MinSystolicBp = 100, MaxSystolicBp = 200, MinTotal = 3, MaxTotal = 10, MinHdl = 0.5, MaxHdl = 3;

    public static double ToMmolPerL(double value, CholesterolUnit unit) => unit == Risk.CholesterolUnit.MgPerDl ? value / MgPerDlPerMmolPerL : value;
    public static double FromMmolPerL(double value, CholesterolUnit unit) => unit == Risk.CholesterolUnit.MgPerDl ? value * MgPerDlPerMmolPerL : value;

    public static string UnitName(CholesterolUnit unit) => unit == Risk.CholesterolUnit.MgPerDl ? "mg/dL" : "mmol/L";

    public IReadOnlyList<RiskExclusion> Exclusions() =>
    [
        .. CardiovascularDisease == true ? [RiskExclusion.CardiovascularDisease] : Array.Empty<RiskExclusion>(),
        .. Diabetes == true ? [RiskExclusion.Diabetes] : Array.Empty<RiskExclusion>(),
        .. ChronicKidneyDisease == true ? [RiskExclusion.ChronicKidneyDisease] : Array.Empty<RiskExclusion>(),
        .. FamilialHypercholesterolaemia == true ? [RiskExclusion.FamilialHypercholesterolaemia] : Array.Empty<RiskExclusion>(),
    ];

    /// <summary>Every field that cannot be used (empty when the answers can be scored, exclusions aside).</summary>
    public IReadOnlyList<RiskInputError> Validate()
    {
        var errors = new List<RiskInputError>();
        if (Age is null) errors.Add(new("age", "required"));
        else if (Age is < Score2Calculator.MinAge or > Score2Calculator.MaxAge) errors.Add(new("age", "range", Score2Calculator.MinAge, Score2Calculator.MaxAge, "years"));
        if (Sex is null) errors.Add(new("sex", "required"));
        if (Smoker is null) errors.Add(new("smoker", "required"));
        if (SystolicBp is not { } sbp) errors.Add(new("systolicBp", "required"));
        else if (!double.IsFinite(sbp) || sbp < MinSystolicBp || sbp > MaxSystolicBp) errors.Add(new("systolicBp", "range", MinSystolicBp, MaxSystolicBp, "mmHg"));
        if (CholesterolUnit is not { } unit) { errors.Add(new("cholesterolUnit", "required")); unit = Risk.CholesterolUnit.MmolPerL; }
        var total = Cholesterol(errors, "totalCholesterol", TotalCholesterol, unit, MinTotal, MaxTotal);
        var hdl = Cholesterol(errors, "hdlCholesterol", HdlCholesterol, unit, MinHdl, MaxHdl);
        if (total is { } t && hdl is { } h && h >= t) errors.Add(new("hdlCholesterol", "hdlNotBelowTotal"));
        if (CardiovascularDisease is null) errors.Add(new("cardiovascularDisease", "required"));
        if (Diabetes is null) errors.Add(new("diabetes", "required"));
        if (ChronicKidneyDisease is null) errors.Add(new("chronicKidneyDisease", "required"));
        if (FamilialHypercholesterolaemia is null) errors.Add(new("familialHypercholesterolaemia", "required"));
        return errors;
    }

    /// <summary>The risk factors in SI units; only after <see cref="Validate"/> found nothing.</summary>
    public RiskFactors Factors()
    {
        if (Validate().Count > 0) throw new InvalidOperationException("the questionnaire has invalid answers");
        var unit = CholesterolUnit!.Value;
        return new RiskFactors(Age!.Value, Sex!.Value, Smoker!.Value, SystolicBp!.Value,
            ToMmolPerL(TotalCholesterol!.Value, unit), ToMmolPerL(HdlCholesterol!.Value, unit));
    }

    /// <summary>
    /// A cholesterol value checked against the range in the person's unit: mmol/L as they are, mg/dL bounds rounded
    /// outwards to whole mg/dL (116-387 for 3-10 mmol/L), so that the bound the message shows is itself accepted.
    /// </summary>
    private static double? Cholesterol(List<RiskInputError> errors, string field, double? value, CholesterolUnit unit, double min, double max)
    {
        if (value is not { } v) { errors.Add(new(field, "required")); return null; }
        var si = ToMmolPerL(v, unit);
        var shownMin = unit == Risk.CholesterolUnit.MgPerDl ? Math.Floor(min * MgPerDlPerMmolPerL) : min;
        var shownMax = unit == Risk.CholesterolUnit.MgPerDl ? Math.Ceiling(max * MgPerDlPerMmolPerL) : max;
        var inUnit = unit == Risk.CholesterolUnit.MgPerDl ? v : si;
        if (!double.IsFinite(v) || inUnit < shownMin || inUnit > shownMax)
        {
            errors.Add(new(field, "range", shownMin, shownMax, UnitName(unit)));
            return null;
        }
        return si;
    }
}
