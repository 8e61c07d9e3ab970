namespace Einthoven.Models.Verified;

/// <summary>
/// The folder format "einthoven-verified-beats/1" of a verified dataset version: per recording a WFDB record, the
/// physician's beat labels as the reference annotator (.atr) and the AI's as a separate one (.ai), plus manifest.json
/// (groups, holdout flags and every file's SHA-256), beats.csv and a README. <see cref="VerifiedDatasetWriter"/> writes it
/// (the server, for retraining and the research export; tests and benchmarks) and <see cref="VerifiedDataset"/> reads
/// and checks it (training).
/// </summary>
public static class VerifiedDatasetFormat
{
    public const string Name = "einthoven-verified-beats/1";
    public const string ManifestFile = "manifest.json";
    public const string BeatsFile = "beats.csv";
    public const string ReadmeFile = "README.md";
    public const string PhysicianAnnotator = "atr";
    public const string AiAnnotator = "ai";

    /// <summary>The beat symbols the annotation files may hold: the AAMI classes' own letters.</summary>
    public static readonly IReadOnlySet<string> BeatSymbols = new HashSet<string>(Beats.AamiMapping.Classes.Select(Beats.AamiMapping.Symbol), StringComparer.Ordinal);

    public const long MaxManifestBytes = 16L << 20;
    public const int MaxRecords = 100_000;
    public const int MaxFilesPerRecord = 16;
    public const int MaxNameLength = 64;
    public const int MaxGroupLength = 128;
    public const int MaxStandardLength = 4096;
    public const int MaxBeatsPerRecord = 2_000_000;
    public const long MaxFileBytes = 2L << 30;

    /// <summary>
    /// A record name: a letter or digit, then letters, digits, '_' or '-' (no '.', so that "name.ext" is unambiguous
    /// and no name can climb out of the folder).
    /// </summary>
    public static bool IsRecordName(string name) =>
        name.Length is > 0 and <= MaxNameLength && char.IsAsciiLetterOrDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    /// <summary>A file of the record <paramref name="record"/>: "record.ext", the extension letters and digits.</summary>
    public static bool IsRecordFile(string file, string record) =>
        file.Length <= MaxNameLength + 9 && file.StartsWith(record + ".", StringComparison.Ordinal)
        && file[(record.Length + 1)..] is { Length: > 0 and <= 8 } ext && ext.All(char.IsAsciiLetterOrDigit);

    public static bool IsSha256(string text) => text.Length == 64 && text.All(char.IsAsciiHexDigit);

    /// <summary>A free-text field (group, standard set): 1 to <paramref name="maxLength"/> characters, none a control character.</summary>
    public static bool IsText(string text, int maxLength) => text.Length > 0 && text.Length <= maxLength && !text.Any(char.IsControl);

    /// <summary>The folder's own files the manifest may hash besides the records' (README and beats.csv).</summary>
    public static readonly IReadOnlySet<string> FolderFiles = new HashSet<string>([BeatsFile, ReadmeFile], StringComparer.Ordinal);
}
