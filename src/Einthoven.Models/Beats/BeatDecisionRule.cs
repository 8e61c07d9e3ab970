using System.Globalization;

namespace Einthoven.Models.Beats;

/// <summary>
/// How class probabilities become a class: each probability is multiplied by its class's scale and the row is
/// renormalised, so the most probable class after scaling wins. The scales correct for the class weights and priors
/// of training; they are chosen on out-of-fold predictions of record-wise cross-validation (in training),
/// never on test data.
/// </summary>
public sealed class BeatDecisionRule
{
    public BeatDecisionRule(IReadOnlyList<float> scales)
    {
        if (scales.Count != AamiMapping.ClassCount || scales.Any(s => !(s > 0) || !float.IsFinite(s)))
            throw new ArgumentException($"a decision rule needs {AamiMapping.ClassCount} positive finite class scales", nameof(scales));
        Scales = scales.ToArray();
    }

    public static BeatDecisionRule Identity { get; } = new([1f, 1f, 1f, 1f, 1f]);

    /// <summary>Per class (indexed by <see cref="AamiClass"/>), the factor its probability is multiplied by.</summary>
    public IReadOnlyList<float> Scales { get; }

    /// <summary>Scales and renormalises a probability row in place.</summary>
    public void Apply(Span<float> probabilities)
    {
        var sum = 0f;
        for (var c = 0; c < probabilities.Length; c++) sum += probabilities[c] *= Scales[c];
        if (sum > 0) for (var c = 0; c < probabilities.Length; c++) probabilities[c] /= sum;
    }

    /// <summary>Applies the rule to every row of flat probabilities [count, 5].</summary>
    public void ApplyAll(Span<float> probabilities)
    {
        for (var start = 0; start < probabilities.Length; start += AamiMapping.ClassCount)
            Apply(probabilities.Slice(start, AamiMapping.ClassCount));
    }

    public string Format() => string.Join(",", Scales.Select(s => s.ToString("0.####", CultureInfo.InvariantCulture)));

    /// <summary>Reads <see cref="Format"/>'s text; null if it is not five positive numbers.</summary>
    public static BeatDecisionRule? Parse(string text)
    {
        var parts = text.Split(',');
        var values = new float[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            if (!float.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !(values[i] > 0) || !float.IsFinite(values[i]))
                return null;
        return values.Length == AamiMapping.ClassCount ? new BeatDecisionRule(values) : null;
    }
}
