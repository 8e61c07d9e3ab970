using System.Globalization;

namespace Einthoven.Models.Beats;

/// <summary>
/// Calls S a beat the network called N when the timing and the P wave say it is an isolated premature
/// supraventricular beat: it comes early both against the local rhythm and against the interval before it (so a
/// record whose own average rhythm is ectopic does not hide it), its surroundings are regular (not atrial
/// fibrillation), its QRS is like the dominant beat's (not ventricular) and the stretch before it, where its P wave
/// should be, does not look like the dominant beat's P wave (abnormal or absent). The network alone calls most such
/// beats N in other hospitals' recordings, because few training patients have them. The thresholds are fitted on
/// record-wise cross-validation's held-out predictions (in training), never on test data; <see cref="Off"/> never fires.
/// </summary>
/// <param name="MaxPrematurity">Largest pre-RR / local RR and pre-RR / previous pre-RR.</param>
/// <param name="MaxIrregularity">Largest local RR irregularity (median |change| / local RR).</param>
/// <param name="MinQrsCorrelation">Smallest correlation of the beat with the local dominant beat, lead A.</param>
/// <param name="MaxPWaveCorrelation">Largest correlation of the P-wave stretch with the dominant beat's, lead A.</param>
public sealed record PrematureBeatRule(double MaxPrematurity, double MaxIrregularity, double MinQrsCorrelation, double MaxPWaveCorrelation)
{
    // Feature indices (BeatInputLayout.BeatFeatureNames).
    private const int PreOverLocal = 3, PreOverPreviousPre = 12, QrsCorrelationA = BeatFeatureExtractor.RhythmFeatureCount,
        PWaveCorrelationA = BeatFeatureExtractor.RhythmFeatureCount + 4;

    public static PrematureBeatRule Off { get; } = new(0, 0, 1, -1);

    public bool IsOff => MaxPrematurity <= 0;

    /// <summary>Whether the beat with this feature row is an isolated premature beat with an unlike P wave.</summary>
    public bool Fires(ReadOnlySpan<float> features) =>
        !IsOff
        && features[PreOverLocal] <= Math.Log(MaxPrematurity)
        && features[PreOverPreviousPre] <= Math.Log(MaxPrematurity)
        && features[BeatFeatureExtractor.IrregularityFeature] <= MaxIrregularity
        && features[QrsCorrelationA] >= MinQrsCorrelation
        && features[PWaveCorrelationA] <= MaxPWaveCorrelation;

    /// <summary>
    /// For every beat whose most probable class is N and on which the rule fires, swaps the probabilities of N and S
    /// (flat [count, 5], in place), so the beat is S with the confidence it was N with.
    /// </summary>
    public void ApplyAll(Span<float> probabilities, BeatFeatures beats)
    {
        if (IsOff) return;
        for (var b = 0; b < beats.Count; b++)
        {
            var row = probabilities.Slice(b * AamiMapping.ClassCount, AamiMapping.ClassCount);
            if (BeatClassifier.MostProbable(row) != AamiClass.N || !Fires(beats.FeatureRow(b))) continue;
            (row[(int)AamiClass.N], row[(int)AamiClass.S]) = (row[(int)AamiClass.S], row[(int)AamiClass.N]);
        }
    }

    public string Format() => IsOff ? "off" : string.Join(",", new[] { MaxPrematurity, MaxIrregularity, MinQrsCorrelation, MaxPWaveCorrelation }
        .Select(x => x.ToString("0.####", CultureInfo.InvariantCulture)));

    /// <summary>Reads <see cref="Format"/>'s text; null if it is neither "off" nor four numbers.</summary>
    public static PrematureBeatRule? Parse(string text)
    {
        if (text == "off") return Off;
        var parts = text.Split(',');
        if (parts.Length != 4) return null;
        var values = new double[4];
        for (var i = 0; i < 4; i++)
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i])) return null;
        return values[0] is > 0 and <= 1 ? new PrematureBeatRule(values[0], values[1], values[2], values[3]) : null;
    }
}
