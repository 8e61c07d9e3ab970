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
}
