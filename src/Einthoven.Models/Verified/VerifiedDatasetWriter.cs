using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Einthoven.Learning.Serialization;
using Einthoven.Models.Beats;
using Einthoven.Signal.Analysis.Detection;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Formats.Wfdb;
using Einthoven.Signal.Records;

namespace Einthoven.Models.Verified;

/// <summary>
/// Writes recordings with their physician and AI beats as a verified dataset folder (<see cref="VerifiedDatasetFormat"/>):
/// WFDB records, .atr and .ai annotation files, beats.csv, README.md and, last, manifest.json with every file's SHA-256,
/// so that a folder whose writing was interrupted has no manifest and does not load. The samples stream from each
/// recording's signal, one recording at a time (the WFDB writer reads windows), so memory does not grow with the
/// recordings' length or number beyond their beats.
/// </summary>
public static class VerifiedDatasetWriter
{
    /// <param name="id">The dataset version's content id; by default the SHA-256 of the records' names, groups, holdout flags and file hashes (and the standard set).</param>
    /// <param name="standard">The standard training set that goes with the dataset, as the producer names it (manifest field <c>standard</c>), if any.</param>
    /// <param name="notes">Markdown the producer adds to the README (e.g. how the records were de-identified), if any.</param>
    /// <returns>The folder as read back and checked by <see cref="VerifiedDataset.Load"/>.</returns>
    public static VerifiedDataset Write(string directory, IReadOnlyList<VerifiedRecording> recordings, DateOnly created, string? id = null,
        string? standard = null, string? notes = null)
    {
        Check(directory, recordings, id, standard);
        Directory.CreateDirectory(directory);
        var entries = new List<VerifiedRecordEntry>();
        var csv = new StringBuilder("record,sample,time_s,label,ai_label\n");
        foreach (var recording in recordings)
        {
            var physician = recording.Physician.OrderBy(b => b.Sample).ToArray();
            var ai = recording.Ai.OrderBy(b => b.Sample).ToArray();
            using (var signal = recording.OpenSignal())
            {
                CheckBeats(recording, physician, "physician", signal.Info.SampleCount);
                CheckBeats(recording, ai, "AI", signal.Info.SampleCount);
                using var annotated = new AnnotatedSignal(signal, physician, ai);
                WfdbRecordWriter.Write(annotated, Path.Combine(directory, recording.Name));
                AppendBeats(csv, recording.Name, physician, ai, signal.Info.SamplingFrequency);
            }
            var files = Directory.EnumerateFiles(directory, recording.Name + ".*").Select(Path.GetFileName).Order(StringComparer.Ordinal)
                .ToDictionary(f => f!, f => ModelCard.Sha256(Path.Combine(directory, f!)));
            entries.Add(new VerifiedRecordEntry(recording.Name, recording.Group, recording.Holdout, physician.Length, files) { Disagreements = recording.Disagreements });
        }
        File.WriteAllText(Path.Combine(directory, VerifiedDatasetFormat.BeatsFile), csv.ToString());
        var manifest = new VerifiedManifest(id?.ToLowerInvariant() ?? ContentId(entries, standard), created, entries) { Standard = standard };
        File.WriteAllText(Path.Combine(directory, VerifiedDatasetFormat.ReadmeFile), VerifiedDatasetReadme.Text(manifest, recordings, notes));
        manifest = manifest with
        {
            Files = new[] { VerifiedDatasetFormat.BeatsFile, VerifiedDatasetFormat.ReadmeFile }
                .ToDictionary(f => f, f => ModelCard.Sha256(Path.Combine(directory, f)), StringComparer.Ordinal),
        };
        manifest.Write(Path.Combine(directory, VerifiedDatasetFormat.ManifestFile));
        return VerifiedDataset.Load(directory);
    }

    /// <summary>
    /// The SHA-256 of the records' names, groups, holdout flags, disagreement counts and files' hashes, in name order,
    /// and of the standard set: the same content gives the same id.
    /// </summary>
    public static string ContentId(IEnumerable<VerifiedRecordEntry> records, string? standard = null)
    {
        var text = new StringBuilder(VerifiedDatasetFormat.Name).Append('\n');
        if (standard is not null) text.Append("standard ").Append(standard).Append('\n');
        foreach (var r in records.OrderBy(r => r.Name, StringComparer.Ordinal))
            text.Append(r.Name).Append('\t').Append(r.Group).Append('\t').Append(r.Holdout ? "holdout" : "training").Append('\t')
                .Append(r.Disagreements is { } d ? $"disagreements={d}\t" : "")
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

    private static void Check(string directory, IReadOnlyList<VerifiedRecording> recordings, string? id, string? standard)
    {
        if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any())
            throw new ArgumentException($"{directory} is not empty; a dataset version is written into a new folder", nameof(directory));
        if (id is not null && !VerifiedDatasetFormat.IsSha256(id)) throw new ArgumentException("the id must be 64 hexadecimal digits", nameof(id));
        if (standard is not null && !VerifiedDatasetFormat.IsText(standard, VerifiedDatasetFormat.MaxStandardLength))
            throw new ArgumentException($"the standard set must be 1..{VerifiedDatasetFormat.MaxStandardLength} characters without control characters", nameof(standard));
        if (recordings.Count > VerifiedDatasetFormat.MaxRecords) throw new ArgumentException($"at most {VerifiedDatasetFormat.MaxRecords} recordings", nameof(recordings));
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var r in recordings)
        {
            if (!VerifiedDatasetFormat.IsRecordName(r.Name) || !names.Add(r.Name))
                throw new ArgumentException($"'{r.Name}' is not a safe record name, or is given twice", nameof(recordings));
            if (!VerifiedDatasetFormat.IsText(r.Group, VerifiedDatasetFormat.MaxGroupLength))
                throw new ArgumentException($"{r.Name}: the group must be 1..{VerifiedDatasetFormat.MaxGroupLength} characters without control characters", nameof(recordings));
            if (r.Disagreements is < 0 or > VerifiedDatasetFormat.MaxBeatsPerRecord)
                throw new ArgumentException($"{r.Name}: disagreements must be 0..{VerifiedDatasetFormat.MaxBeatsPerRecord}", nameof(recordings));
            foreach (var (beats, whose) in new[] { (r.Physician, "physician"), (r.Ai, "AI") })
                if (beats.Count > VerifiedDatasetFormat.MaxBeatsPerRecord) throw new ArgumentException($"{r.Name}: more than {VerifiedDatasetFormat.MaxBeatsPerRecord} {whose} beats", nameof(recordings));
        }
        foreach (var group in recordings.GroupBy(r => r.Group, StringComparer.Ordinal).Where(g => g.Select(r => r.Holdout).Distinct().Count() > 1))
            throw new ArgumentException($"group '{group.Key}' has records both in the holdout and not: a patient's records may not be split", nameof(recordings));
    }

    // Checked when the recording's signal is open (its length is in its header).
    private static void CheckBeats(VerifiedRecording r, VerifiedBeat[] beats, string whose, long sampleCount)
    {
        if (beats.Any(b => b.Sample < 0 || b.Sample >= sampleCount || !Enum.IsDefined(b.Class)))
            throw new ArgumentException($"{r.Name}: a {whose} beat lies outside the record (0..{sampleCount - 1}) or has no AAMI class", nameof(r));
        for (var i = 1; i < beats.Length; i++)
            if (beats[i].Sample == beats[i - 1].Sample) throw new ArgumentException($"{r.Name}: two {whose} beats at the same sample {beats[i].Sample}", nameof(r));
    }

    /// <summary>A recording's samples and description, with the physicians' beats as "atr" and the AI's as "ai" instead of its own annotation sets.</summary>
    private sealed class AnnotatedSignal(ISignalReader signal, VerifiedBeat[] physician, VerifiedBeat[] ai) : ISignalReader
    {
        public RecordInfo Info => signal.Info;

        public IReadOnlyList<string> Annotators => [VerifiedDatasetFormat.PhysicianAnnotator, VerifiedDatasetFormat.AiAnnotator];

        public SampleBlock Read(long start, int count) => signal.Read(start, count);

        public IReadOnlyList<Annotation> ReadAnnotations(string annotator) => annotator switch
        {
            VerifiedDatasetFormat.PhysicianAnnotator => physician.Select(b => b.ToAnnotation()).ToList(),
            VerifiedDatasetFormat.AiAnnotator => ai.Select(b => b.ToAnnotation()).ToList(),
            _ => throw new KeyNotFoundException($"no annotation set '{annotator}'"),
        };

        public void Dispose() { } // the signal is its owner's
    }
}
