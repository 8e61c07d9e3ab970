namespace Einthoven.Models.Analysis;

/// <summary>
/// The rhythm of a whole record as a model judged it: a CinC 2017 label (N normal sinus rhythm, A atrial fibrillation,
/// O other rhythm, ~ inconclusive), its plain name, the record's probability of each label, and for long records the
/// verdict of each window and the fraction of time in atrial fibrillation (<see cref="RecordRhythm"/> fills it).
/// </summary>
/// <param name="Probabilities">By label (N, A, O, ~); empty when the record could not be classified at all.</param>
/// <param name="Lead">The lead the rhythm was classified on.</param>
/// <param name="AfBurden">Fraction of the classified time in windows labelled A; null when nothing was classified.</param>
/// <param name="Windows">Consecutive windows of the rhythm lead, each classified on its own.</param>
/// <param name="Reason">Why the verdict is inconclusive, or null.</param>
/// <param name="Model">Name and version of the model that classified it.</param>
public sealed record RhythmVerdict(
    string Label,
    string Name,
    IReadOnlyDictionary<string, double> Probabilities,
    string Lead,
    double? AfBurden,
    IReadOnlyList<RhythmWindow> Windows,
    string? Reason,
    string Model)
{
    public const string Normal = "N", AtrialFibrillation = "A", Other = "O", Inconclusive = "~";

    /// <summary>The name shown for a label: "normal sinus rhythm", "atrial fibrillation", "other rhythm" or "inconclusive".</summary>
    public static string NameOf(string label) => label switch
    {
        Normal => "normal sinus rhythm",
        AtrialFibrillation => "atrial fibrillation",
        Other => "other rhythm",
        Inconclusive => "inconclusive",
        _ => throw new ArgumentException($"unknown rhythm label '{label}' (expected N, A, O or ~)", nameof(label)),
    };
}

/// <summary>One classified window of the rhythm lead, in seconds from the start, with the probability of its label.</summary>
public sealed record RhythmWindow(double StartSeconds, double EndSeconds, string Label, double Probability);

/// <summary>A model that contributed to a report, as its card names it.</summary>
public sealed record ModelVersion(string Name, string Version);
