namespace Einthoven.Models.Rhythm;

/// <summary>The four CinC 2017 classes in model output order: normal, atrial fibrillation, other rhythm, too noisy.</summary>
public static class RhythmLabels
{
    public static readonly string[] All = ["N", "A", "O", "~"];

    public static int Index(string label)
    {
        var i = Array.IndexOf(All, label.Trim());
        return i >= 0 ? i : throw new ArgumentException($"unknown rhythm label '{label}' (expected N, A, O or ~)", nameof(label));
    }
}
