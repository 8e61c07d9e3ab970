using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Einthoven.Server.Recordings;
using Einthoven.Server.Storage;
using Einthoven.Signal.Formats.Wfdb;

namespace Einthoven.Server.ContinuousLearning;

/// <summary>
/// Writes a dataset version's folder, format einthoven-verified-beats/1: per recording a WFDB record under its
/// pseudonym (.hea without date, time or notes, .dat as stored, .atr the physicians' agreed labels, .ai the AI's),
/// beats.csv (record, sample, time_s, label, ai_label), README.md and manifest.json with every file's SHA-256. The
/// samples stream from the stored chunks (<see cref="StoredRecordingReader"/>) with the signal library's WFDB writer,
/// as downloads do. Synchronous: run it on a thread of its own.
/// </summary>
public static class DatasetFolderWriter
{
    public static void Write(string folder, string id, DateTime created, string standard, IReadOnlyList<VerifiedRecording> recordings, AppDb db)
    {
        Directory.CreateDirectory(folder);
        var ordered = recordings.OrderBy(r => r.RecordName, StringComparer.Ordinal).ToList();
        var entries = new List<object>();
        foreach (var r in ordered)
        {
            var recording = db.Recordings.Single(x => x.Id == r.RecordingId);
            var stored = new StoredRecordingReader(db, recording, withAnalysis: false);
            using var reader = new DeidentifiedReader(stored, Deidentification.Scrub(stored.Info, r.RecordName), r.Beats, r.AiBeats);
            WfdbRecordWriter.Write(reader, Path.Combine(folder, r.RecordName));
            var files = new[] { ".hea", ".dat", ".atr", ".ai" }.ToDictionary(ext => r.RecordName + ext, ext => Sha256(Path.Combine(folder, r.RecordName + ext)));
            entries.Add(new { name = r.RecordName, group = r.Group, holdout = r.Holdout, beats = r.Beats.Count, disagreements = r.Disagreements, files });
        }
        File.WriteAllText(Path.Combine(folder, "beats.csv"), BeatsCsv(ordered, db));
        File.WriteAllText(Path.Combine(folder, "README.md"), Readme(id, standard, ordered));
        var manifest = new
        {
            format = DatasetIdentity.Format, id, created = created.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), standard,
            files = new[] { "README.md", "beats.csv" }.ToDictionary(f => f, f => Sha256(Path.Combine(folder, f))),
            records = entries,
        };
        File.WriteAllText(Path.Combine(folder, "manifest.json"), JsonSerializer.Serialize(manifest, new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    private static string BeatsCsv(IEnumerable<VerifiedRecording> recordings, AppDb db)
    {
        var csv = new StringBuilder("record,sample,time_s,label,ai_label\n");
        foreach (var r in recordings)
        {
            var fs = db.Recordings.Where(x => x.Id == r.RecordingId).Select(x => x.SamplingFrequency).Single();
            var ai = r.AiBeats.Select(b => b.Sample).ToList();
            var match = Einthoven.Signal.Analysis.Detection.BeatMatching.Match(r.Beats.Select(b => b.Sample).ToList(), ai,
                Einthoven.Signal.Analysis.Detection.BeatMatching.Window(fs));
            var aiLabel = match.Pairs.ToDictionary(p => p.Reference, p => r.AiBeats[p.Detected].Label.ToString());
            for (var i = 0; i < r.Beats.Count; i++)
                csv.Append(CultureInfo.InvariantCulture, $"{r.RecordName},{r.Beats[i].Sample},{r.Beats[i].Sample / fs:0.000},{r.Beats[i].Label},{aiLabel.GetValueOrDefault(i, "")}\n");
        }
        return csv.ToString();
    }

    private static string Readme(string id, string standard, IReadOnlyList<VerifiedRecording> recordings) => $"""
        # Einthoven verified beats, dataset version {id[..12]}

        Format `{DatasetIdentity.Format}`; content address (SHA-256 of its inputs) `{id}`.
        {recordings.Count} recordings of {recordings.Select(r => r.Group).Distinct().Count()} patients, {recordings.Sum(r => r.Beats.Count)} beats
        ({recordings.Count(r => r.Holdout)} recordings held out for evaluation, never for training). Standard training set: {standard}.

        ## Files
        - `NAME.hea`, `NAME.dat`: the ECG as a WFDB record (samples exactly as recorded).
        - `NAME.atr`: the reference, the beats verified by cardiologists, as MIT annotations whose codes are the AAMI
          classes N, S, V, F and Q. Where several cardiologists verified a recording, only the beats they all agree
          on (same class, within 150 ms) are given; `disagreements` in the manifest counts those left out.
        - `NAME.ai`: the beats and classes of Einthoven's automatic analysis (another annotator), for comparison.
        - `beats.csv`: one line per reference beat: record, sample, time_s, label (reference), ai_label (the AI's
          class of the beat it found within 150 ms, empty when it found none).
        - `manifest.json`: each record's patient pseudonym (`group`), holdout side, beat count and the SHA-256 of
          every file.

        ## De-identification
        Record names and patient groups are keyed pseudonyms. Headers carry no date, time, name, identifier or note:
        only the calibration, standard lead names, the age in a ten-year band (90 and over as 90+) and the sex.
        Annotations carry no text. Read the records with any WFDB reader, e.g. `einthoven info NAME` and
        `einthoven annotations NAME --ann atr`.

        Einthoven is a decision-support and research tool, not a certified medical device.
        """.Replace("\r\n", "\n") + "\n";

    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
