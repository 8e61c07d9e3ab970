using System.Text;
using Einthoven.Models.Beats;

namespace Einthoven.Models.Verified;

/// <summary>The human description (README.md) of a verified dataset folder; nothing reads it back.</summary>
internal static class VerifiedDatasetReadme
{
    public static string Text(VerifiedManifest manifest, IReadOnlyList<VerifiedRecording> recordings, string? notes)
    {
        var beats = recordings.SelectMany(r => r.Physician).ToList();
        var first = recordings.Count > 0 ? recordings[0].Name : "NAME";
        var text = new StringBuilder();
        text.AppendLine($"# Verified beat dataset {manifest.Id}");
        text.AppendLine();
        text.AppendLine($"Format `{VerifiedDatasetFormat.Name}`, created {manifest.Created:yyyy-MM-dd}: {recordings.Count} recordings of "
            + $"{recordings.Select(r => r.Group).Distinct().Count()} patients ({recordings.Count(r => r.Holdout)} recordings for evaluation only), "
            + $"{beats.Count} beats labelled by physicians ({string.Join(", ", AamiMapping.Classes.Select(c => $"{c} {beats.Count(b => b.Class == c)}"))}).");
        if (manifest.Standard is { } standard) text.AppendLine().AppendLine($"Standard training set that goes with it: {standard}.");
        text.AppendLine();
        text.AppendLine("Per recording NAME:");
        text.AppendLine("- `NAME.hea`, `NAME.dat`: the ECG as a WFDB record.");
        text.AppendLine($"- `NAME.{VerifiedDatasetFormat.PhysicianAnnotator}`: the physicians' beat labels (the reference), MIT annotation file, AAMI classes N, S, V, F, Q as beat symbols.");
        text.AppendLine($"- `NAME.{VerifiedDatasetFormat.AiAnnotator}`: the AI's beat labels of the same recording, a separate annotator.");
        text.AppendLine();
        text.AppendLine($"`{VerifiedDatasetFormat.BeatsFile}` lists every physician beat (record, sample, time_s, label, ai_label: the label of the AI beat within 150 ms, empty if none). "
            + $"`{VerifiedDatasetFormat.ManifestFile}` gives each recording's patient group (pseudonymous; a patient's recordings are never split between training and holdout), "
            + "whether it is holdout (evaluation only), its beat count"
            + (recordings.Any(r => r.Disagreements is not null)
                ? ", the beats its physicians disagreed on (`disagreements`: where several verified it, only the beats they all agree on, same class within 150 ms, are given)"
                : "")
            + ", and the SHA-256 of each of its files and of this README and beats.csv.");
        text.AppendLine();
        text.AppendLine($"Read back with `einthoven info DIR/{first}` and `einthoven annotations DIR/{first} --ann {VerifiedDatasetFormat.PhysicianAnnotator}` (or `--ann {VerifiedDatasetFormat.AiAnnotator}`).");
        if (notes is not null) text.AppendLine().AppendLine(notes.TrimEnd());
        return text.ToString();
    }
}
