using Einthoven.Learning.Serialization;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Formats.Wfdb;
using Einthoven.Signal.Records;

namespace Einthoven.Models.Verified;

/// <summary>
/// A verified dataset folder (<see cref="VerifiedDatasetFormat"/>) that has been checked: the manifest's fields, every
/// listed file's size and SHA-256 (the records' and, when listed, README.md's and beats.csv's), each record's header (one segment, its signal files listed) and its annotation
/// files (only the AAMI letters, as many physician beats as the manifest says). Anything wrong is a
/// <see cref="SignalFormatException"/> naming the file and the field.
/// </summary>
public sealed class VerifiedDataset
{
    private VerifiedDataset(string directory, VerifiedManifest manifest) => (Directory, Manifest) = (directory, manifest);

    public string Directory { get; }
    public VerifiedManifest Manifest { get; }
    public string Id => Manifest.Id;
    public IReadOnlyList<VerifiedRecordEntry> Records => Manifest.Records;

    public static VerifiedDataset Load(string directory)
    {
        if (!System.IO.Directory.Exists(directory)) throw new DirectoryNotFoundException($"verified dataset folder not found: {directory}");
        var manifestPath = Path.Combine(directory, VerifiedDatasetFormat.ManifestFile);
        var manifest = VerifiedManifest.Read(manifestPath);
        foreach (var (file, sha) in manifest.Files) CheckFile(Path.Combine(directory, file), sha, manifestPath, $"files.{file}");
        foreach (var record in manifest.Records)
        {
            foreach (var (file, sha) in record.Files) CheckFile(Path.Combine(directory, file), sha, manifestPath, $"{record.Name}.files.{file}");
            CheckSignals(directory, record, manifestPath);
            var beats = CheckAnnotations(directory, record, VerifiedDatasetFormat.PhysicianAnnotator);
            if (beats != record.Beats)
                throw VerifiedManifest.Fail(manifestPath, $"{record.Name}.beats", $"says {record.Beats}, but {record.Name}.{VerifiedDatasetFormat.PhysicianAnnotator} holds {beats} beats");
            if (record.Files.ContainsKey($"{record.Name}.{VerifiedDatasetFormat.AiAnnotator}")) CheckAnnotations(directory, record, VerifiedDatasetFormat.AiAnnotator);
        }
        return new VerifiedDataset(directory, manifest);
    }

    /// <summary>The record's path without extension (as `einthoven` commands take it).</summary>
    public string RecordPath(VerifiedRecordEntry record) => Path.Combine(Directory, record.Name);

    /// <summary>The record's samples and its physician beat annotations (the reference).</summary>
    public (EcgRecord Record, IReadOnlyList<Annotation> Physician) Read(VerifiedRecordEntry record)
    {
        var ecg = RecordFiles.Read(RecordPath(record), "wfdb");
        return (ecg, ecg.Annotations[VerifiedDatasetFormat.PhysicianAnnotator]);
    }

    private static void CheckFile(string path, string sha, string manifestPath, string field)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw VerifiedManifest.Fail(manifestPath, field, $"{path} does not exist", SignalProblem.MissingData);
        if (info.Length > VerifiedDatasetFormat.MaxFileBytes)
            throw VerifiedManifest.Fail(manifestPath, field, $"{info.Length:N0} bytes (at most {VerifiedDatasetFormat.MaxFileBytes:N0})", SignalProblem.TooLarge);
        var actual = ModelCard.Sha256(path);
        if (!string.Equals(actual, sha, StringComparison.OrdinalIgnoreCase))
            throw VerifiedManifest.Fail(manifestPath, field, $"the file's SHA-256 is {actual}, the manifest says {sha}");
    }

    // The header may only name signal files the manifest lists (and hashed), so no sample is read unchecked.
    private static void CheckSignals(string directory, VerifiedRecordEntry record, string manifestPath)
    {
        using var reader = new WfdbReader(directory, record.Name);
        if (reader.Header.IsMultiSegment)
            throw VerifiedManifest.Fail(Path.Combine(directory, record.Name + ".hea"), "segments", "a verified record must be a single-segment WFDB record");
        foreach (var file in reader.Header.Signals.Where(s => !s.IsNull).Select(s => s.FileName).Distinct())
            if (!record.Files.ContainsKey(file))
                throw VerifiedManifest.Fail(manifestPath, $"{record.Name}.files", $"{record.Name}.hea reads signal file {file}, which the manifest does not list");
    }

    private static int CheckAnnotations(string directory, VerifiedRecordEntry record, string annotator)
    {
        var path = Path.Combine(directory, $"{record.Name}.{annotator}");
        var annotations = WfdbAnnotationReader.Read(path);
        foreach (var a in annotations)
            if (!VerifiedDatasetFormat.BeatSymbols.Contains(a.Symbol))
                throw new SignalFormatException(path, $"annotation at sample {a.Sample}", $"'{a.Symbol}' is not an AAMI beat label (N, S, V, F, Q)");
        return annotations.Count;
    }
}
