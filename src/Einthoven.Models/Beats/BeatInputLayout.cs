namespace Einthoven.Models.Beats;

/// <summary>
/// The shape of what the beat network sees: a window of each of two leads around the R peak at a reduced sampling
/// rate, the same windows minus the record's dominant beat, and a vector of rhythm and template features.
/// </summary>
public static class BeatInputLayout
{
    /// <summary>Rate the leads are resampled to before windows are cut, Hz.</summary>
    public const double SampleRate = 120;

    /// <summary>Window samples before the beat's fiducial point (0.3 s) and from it on (0.45 s).</summary>
    public const int Before = 36, After = 54;

    public const int Length = Before + After;

    /// <summary>Lead A, lead B, lead A minus template, lead B minus template.</summary>
    public const int Channels = 4;

    public const int Leads = 2;

    public static int InputSize => Channels * Length;

    public static int FeatureCount => BeatFeatureNames.Count;

    /// <summary>Names of the per-beat features, in order (see <see cref="BeatFeatureExtractor"/>).</summary>
    public static readonly IReadOnlyList<string> BeatFeatureNames =
    [
        "log pre-RR / 5-min mean RR", "log post-RR / 5-min mean RR", "log local RR / 5-min mean RR",
        "log pre-RR / local RR", "log post-RR / local RR", "log post-RR / pre-RR",
        "log pre-RR / 0.8 s", "log post-RR / 0.8 s", "log local RR / 0.8 s", "log 5-min mean RR / 0.8 s",
        "log previous pre-RR / local RR", "log next post-RR / local RR", "log pre-RR / previous pre-RR",
        "local RR irregularity (median |change| / local RR)", "prematurity (1 - pre-RR / local RR) / (irregularity + 0.05)",
        "log pre-RR / record upper-quartile RR", "log post-RR / record upper-quartile RR",
        "template correlation A", "template correlation B",
        "log energy / template energy A", "log energy / template energy B",
        "P-wave template correlation A", "P-wave template correlation B",
    ];

    /// <summary>
    /// The features the rhythm (N vs S) expert sees: the RR ratios, the irregularity and the P-wave correlations. Not
    /// the raw intervals in seconds (features 6-9): with them it recognises the few training patients with S beats by
    /// their heart rate and misses S beats in others (record-wise cross-validation of this expert on DS1: S Se 37 %
    /// with them, 64 % without). Not the QRS template comparisons either, which do not tell S from N (S Se / +P
    /// 64 / 53 and 61 / 57 with them, 66 / 56 and 65 / 61 without, two seeds).
    /// </summary>
    public static readonly IReadOnlyList<int> RhythmExpertFeatures =
        [.. Enumerable.Range(0, BeatFeatureNames.Count).Where(i => i is < 6 or (> 9 and < BeatFeatureExtractor.RhythmFeatureCount) or >= BeatFeatureExtractor.RhythmFeatureCount + 4)];

    /// <summary>Copies the <see cref="RhythmExpertFeatures"/> of a full feature row into <paramref name="target"/>.</summary>
    public static void GatherRhythmFeatures(ReadOnlySpan<float> row, Span<float> target)
    {
        for (var i = 0; i < RhythmExpertFeatures.Count; i++) target[i] = row[RhythmExpertFeatures[i]];
    }
}
