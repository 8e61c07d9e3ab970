using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Einthoven.Models.Verified;

namespace Einthoven.Server.ContinuousLearning;

/// <summary>
/// The content address of a dataset version: the SHA-256 of a canonical text of everything that decides its folder,
/// in a fixed order: the format, the standard training set, and per recording (by id) its content hash, pseudonym,
/// holdout side, every completed physician set (by cardiologist id: sample and label of each beat, by sample) and the
/// AI's beats. The same inputs give the same id; any changed label, beat, set or recording gives another.
/// </summary>
public static class DatasetIdentity
{
    public static string Id(string standard, IEnumerable<DatasetInput> recordings) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical(standard, recordings))));

    public static string Canonical(string standard, IEnumerable<DatasetInput> recordings)
    {
        var text = new StringBuilder().Append(VerifiedDatasetFormat.Name).Append('\n').Append("standard ").Append(standard).Append('\n');
        foreach (var r in recordings.OrderBy(r => r.RecordingId.ToString("N"), StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"recording {r.RecordingId:N} {r.ContentSha256} {r.Group} {(r.Holdout ? "holdout" : "train")}\n");
            foreach (var set in r.Sets.OrderBy(s => s.Verifier.ToString("N"), StringComparer.Ordinal))
            {
                text.Append(CultureInfo.InvariantCulture, $"set {set.Verifier:N}\n");
                foreach (var beat in VerifiedBeat.FromAnnotations(set.Beats).OrderBy(b => b.Sample).ThenBy(b => b.Class))
                    text.Append(CultureInfo.InvariantCulture, $"{beat.Sample} {beat.Class}\n");
            }
            text.Append("ai\n");
            foreach (var beat in r.AiBeats.OrderBy(b => b.Sample).ThenBy(b => b.Class))
                text.Append(CultureInfo.InvariantCulture, $"{beat.Sample} {beat.Class}\n");
        }
        return text.ToString();
    }
}
