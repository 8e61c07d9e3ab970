using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Einthoven.Learning.Serialization;
using Einthoven.Models.Beats;
using Einthoven.Signal.Analysis.Detection;
using Einthoven.Signal.Formats.Wfdb;
using Einthoven.Signal.Records;

namespace Einthoven.Models.Verified;

/// <summary>
/// Writes recordings with their physician and AI beats as a verified dataset folder (<see cref="VerifiedDatasetFormat"/>):
/// WFDB records, .atr and .ai annotation files, beats.csv, README.md and, last, manifest.json with every file's SHA-256,
/// so that a folder whose writing was interrupted has no manifest and does not load.
/// </summary>
public static class VerifiedDatasetWriter
{
    /// <param name="id">The dataset version's content id; by default the SHA-256 of the records' names, groups, holdout flags and file hashes.</param>
    /// <returns>The folder as read back and checked by <see cref="VerifiedDataset.Load"/>.</returns>
    public static VerifiedDataset Write(string directory, IReadOnlyList<VerifiedRecording> recordings, DateOnly created, string? id = null)
    {
        Check(directory, recordings, id);
        Directory.CreateDirectory(directory);
        var entries = new List<VerifiedRecordEntry>();
        var csv = new StringBuilder("record,sample,time_s,label,ai_label\n");
        foreach (var recording in recordings)
        {
            var physician = recording.Physician.OrderBy(b => b.Sample).ToArray();
            var ai = recording.Ai.OrderBy(b => b.Sample).ToArray();
            var samplesOnly = new EcgRecord(recording.Record.Info, recording.Record.Samples);
            WfdbRecordWriter.Write(samplesOnly, Path.Combine(directory, recording.Name));
            WfdbAnnotationWriter.Write(Path.Combine(directory, $"{recording.Name}.{VerifiedDatasetFormat.PhysicianAnnotator}"), physician.Select(b => b.ToAnnotation()));
            WfdbAnnotationWriter.Write(Path.Combine(directory, $"{recording.Name}.{VerifiedDatasetFormat.AiAnnotator}"), ai.Select(b => b.ToAnnotation()));
            AppendBeats(csv, recording.Name, physician, ai, recording.Record.Info.SamplingFrequency);
            var files = Directory.EnumerateFiles(directory, recording.Name + ".*").Select(Path.GetFileName).Order(StringComparer.Ordinal)
                .ToDictionary(f => f!, f => ModelCard.Sha256(Path.Combine(directory, f!)));
            entries.Add(new VerifiedRecordEntry(recording.Name, recording.Group, recording.Holdout, physician.Length, files));
        }
        File.WriteAllText(Path.Combine(directory, VerifiedDatasetFormat.BeatsFile), csv.ToString());
        var manifest = new VerifiedManifest(id?.ToLowerInvariant() ?? ContentId(entries), created, entries);
        File.WriteAllText(Path.Combine(directory, VerifiedDatasetFormat.ReadmeFile), VerifiedDatasetReadme.Text(manifest, recordings));
        manifest.Write(Path.Combine(directory, VerifiedDatasetFormat.ManifestFile));
        return VerifiedDataset.Load(directory);
    }

    /// <summary>The SHA-256 of the records' names, groups, holdout flags and files' hashes, in name order: the same content gives the same id.</summary>
    public static string ContentId(IEnumerable<VerifiedRecordEntry> records)
    {
        var text = new StringBuilder(VerifiedDatasetFormat.Name).Append('\n');
        foreach (var r in records.OrderBy(r => r.Name, StringComparer.Ordinal))
            text.Append(r.Name).Append('\t').Append(r.Group).Append('\t').Append(r.Holdout ? "holdout" : "training").Append('\t')
                .AppendJoin(' ', r.Files.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}")).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    // A physician beat's AI label is that of the AI beat it matches (EC57 window), if any.
    private static void AppendBeats(StringBuilder csv, string name, VerifiedBeat[] physician, VerifiedBeat[] ai, double fs)
    {
        var match = BeatMatching.Match(physician.Select(b => b.Sample).ToArray(), ai.Select(b => b.Sample).ToArray(), BeatMatching.Window(fs));
        var aiLabel = match.Pairs.ToDictionary(p => p.Reference, p => ai[p.Detected].Class);
        for (var i = 0; i < physician.Length; i++)
            csv.Append(CultureInfo.InvariantCulture, $"{name},{physician[i].Sample},{physician[i].Sample / fs:0.000},{physician[i].Class},{(aiLabel.TryGetValue(i, out var c) ? c : "")}\n");
    }

    private static void Check(string directory, IReadOnlyList<VerifiedRecording> recordings, string? id)
    {
        if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any())
            throw new ArgumentException($"{directory} is not empty; a dataset version is written into a new folder", nameof(directory));
        if (id is not null && !VerifiedDatasetFormat.IsSha256(id)) throw new ArgumentException("the id must be 64 hexadecimal digits", nameof(id));
        if (recordings.Count > VerifiedDatasetFormat.MaxRecords) throw new ArgumentException($"at most {VerifiedDatasetFormat.MaxRecords} recordings", nameof(recordings));
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var r in recordings)
        {
            if (!VerifiedDatasetFormat.IsRecordName(r.Name) || !names.Add(r.Name))
                throw new ArgumentException($"'{r.Name}' is not a safe record name, or is given twice", nameof(recordings));
            if (r.Group.Length is 0 or > VerifiedDatasetFormat.MaxGroupLength || r.Group.Any(char.IsControl))
                throw new ArgumentException($"{r.Name}: the group must be 1..{VerifiedDatasetFormat.MaxGroupLength} characters without control characters", nameof(recordings));
            CheckBeats(r, r.Physician, "physician");
            CheckBeats(r, r.Ai, "AI");
        }
        foreach (var group in recordings.GroupBy(r => r.Group, StringComparer.Ordinal).Where(g => g.Select(r => r.Holdout).Distinct().Count() > 1))
            throw new ArgumentException($"group '{group.Key}' has records both in the holdout and not: a patient's records may not be split", nameof(recordings));
    }

    private static void CheckBeats(VerifiedRecording r, IReadOnlyList<VerifiedBeat> beats, string whose)
    {
        if (beats.Count > VerifiedDatasetFormat.MaxBeatsPerRecord) throw new ArgumentException($"{r.Name}: more than {VerifiedDatasetFormat.MaxBeatsPerRecord} {whose} beats");
        if (beats.Any(b => b.Sample < 0 || b.Sample >= r.Record.Info.SampleCount || !Enum.IsDefined(b.Class)))
            throw new ArgumentException($"{r.Name}: a {whose} beat lies outside the record (0..{r.Record.Info.SampleCount - 1}) or has no AAMI class");
        if (beats.Select(b => b.Sample).Distinct().Count() != beats.Count) throw new ArgumentException($"{r.Name}: two {whose} beats at the same sample");
    }
}
