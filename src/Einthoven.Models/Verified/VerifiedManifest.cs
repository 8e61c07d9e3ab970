using System.Globalization;
using System.Text.Json;
using Einthoven.Signal.Records;

namespace Einthoven.Models.Verified;

/// <summary>
/// One recording of a verified dataset: its patient group, whether it is holdout only, its physician beats and files
/// with their SHA-256, and, when the producer counted them, the beats its physicians disagreed on (left out).
/// </summary>
public sealed record VerifiedRecordEntry(string Name, string Group, bool Holdout, int Beats, IReadOnlyDictionary<string, string> Files)
{
    public int? Disagreements { get; init; }
}

/// <summary>
/// manifest.json of a verified dataset folder: format, id, created (yyyy-MM-dd), the records, and the optional
/// <c>standard</c> (the standard training set that goes with it, as its producer names it) and <c>files</c> (the
/// SHA-256 of README.md and beats.csv). <see cref="Read"/> checks every field against the format's bounds before
/// trusting it (unknown fields are ignored, so a producer may add some); a bad one is a
/// <see cref="SignalFormatException"/> naming the file and the field.
/// </summary>
public sealed record VerifiedManifest(string Id, DateOnly Created, IReadOnlyList<VerifiedRecordEntry> Records)
{
    public string? Standard { get; init; }

    /// <summary>The folder's own files (<see cref="VerifiedDatasetFormat.FolderFiles"/>) with their SHA-256; empty when the manifest lists none.</summary>
    public IReadOnlyDictionary<string, string> Files { get; init; } = new Dictionary<string, string>();

    public static VerifiedManifest Read(string path)
    {
        var file = new FileInfo(path);
        if (!file.Exists) throw Fail(path, "file", "not found", SignalProblem.MissingData);
        if (file.Length > VerifiedDatasetFormat.MaxManifestBytes)
            throw Fail(path, "file", $"{file.Length:N0} bytes (at most {VerifiedDatasetFormat.MaxManifestBytes:N0})", SignalProblem.TooLarge);
        JsonDocument document;
        try { document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { MaxDepth = 8 }); }
        catch (JsonException e) { throw Fail(path, "json", e.Message); }
        using (document) return Parse(document.RootElement, path);
    }

    public void Write(string path)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("format", VerifiedDatasetFormat.Name);
        json.WriteString("id", Id);
        json.WriteString("created", Created.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (Standard is not null) json.WriteString("standard", Standard);
        if (Files.Count > 0)
        {
            json.WriteStartObject("files");
            foreach (var (name, sha) in Files.OrderBy(f => f.Key, StringComparer.Ordinal)) json.WriteString(name, sha);
            json.WriteEndObject();
        }
        json.WriteStartArray("records");
        foreach (var r in Records)
        {
            json.WriteStartObject();
            json.WriteString("name", r.Name);
            json.WriteString("group", r.Group);
            json.WriteBoolean("holdout", r.Holdout);
            json.WriteNumber("beats", r.Beats);
            if (r.Disagreements is { } disagreements) json.WriteNumber("disagreements", disagreements);
            json.WriteStartObject("files");
            foreach (var (name, sha) in r.Files) json.WriteString(name, sha);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static VerifiedManifest Parse(JsonElement root, string path)
    {
        if (root.ValueKind != JsonValueKind.Object) throw Fail(path, "manifest", "not a JSON object");
        var format = String(root, "format", path, 64);
        if (format != VerifiedDatasetFormat.Name) throw Fail(path, "format", $"'{format}', expected '{VerifiedDatasetFormat.Name}'");
        var id = String(root, "id", path, 64);
        if (!VerifiedDatasetFormat.IsSha256(id)) throw Fail(path, "id", "must be 64 hexadecimal digits");
        var createdText = String(root, "created", path, 10);
        if (!DateOnly.TryParseExact(createdText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var created))
            throw Fail(path, "created", $"'{createdText}' is not yyyy-MM-dd");
        string? standard = null;
        if (root.TryGetProperty("standard", out _))
        {
            standard = String(root, "standard", path, VerifiedDatasetFormat.MaxStandardLength);
            if (!VerifiedDatasetFormat.IsText(standard, VerifiedDatasetFormat.MaxStandardLength)) throw Fail(path, "standard", "must be non-empty text without control characters");
        }
        var folderFiles = root.TryGetProperty("files", out _)
            ? Hashes(Property(root, "files", JsonValueKind.Object, path), "files", path, VerifiedDatasetFormat.FolderFiles.Count, VerifiedDatasetFormat.FolderFiles.Contains,
                file => $"'{Shorten(file)}' is not a file of the folder ({string.Join(", ", VerifiedDatasetFormat.FolderFiles.Order(StringComparer.Ordinal))})")
            : new SortedDictionary<string, string>(StringComparer.Ordinal);
        var records = Property(root, "records", JsonValueKind.Array, path);
        var count = records.GetArrayLength();
        if (count > VerifiedDatasetFormat.MaxRecords)
            throw Fail(path, "records", $"{count:N0} records (at most {VerifiedDatasetFormat.MaxRecords:N0})", SignalProblem.TooLarge);
        var entries = new List<VerifiedRecordEntry>(count);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var index = 0;
        foreach (var element in records.EnumerateArray())
        {
            var entry = ParseRecord(element, $"records[{index++}]", path);
            // Case-insensitively unique, so that the files of two records cannot be one file on any file system.
            if (!names.Add(entry.Name)) throw Fail(path, $"records[{index - 1}].name", $"'{entry.Name}' is listed twice");
            entries.Add(entry);
        }
        foreach (var group in entries.GroupBy(e => e.Group, StringComparer.Ordinal).Where(g => g.Select(e => e.Holdout).Distinct().Count() > 1))
            throw Fail(path, "records.holdout", $"group '{group.Key}' has records both in the holdout and not: a patient's records may not be split");
        return new VerifiedManifest(id, created, entries) { Standard = standard, Files = folderFiles };
    }

    private static VerifiedRecordEntry ParseRecord(JsonElement element, string at, string path)
    {
        if (element.ValueKind != JsonValueKind.Object) throw Fail(path, at, "not a JSON object");
        var name = String(element, "name", path, VerifiedDatasetFormat.MaxNameLength, at);
        if (!VerifiedDatasetFormat.IsRecordName(name))
            throw Fail(path, $"{at}.name", $"'{name}' is not a safe record name (a letter or digit, then letters, digits, '_' or '-')");
        var group = String(element, "group", path, VerifiedDatasetFormat.MaxGroupLength, at);
        if (!VerifiedDatasetFormat.IsText(group, VerifiedDatasetFormat.MaxGroupLength)) throw Fail(path, $"{at}.group", "must be non-empty text without control characters");
        var holdout = Property(element, "holdout", JsonValueKind.True, path, at, JsonValueKind.False).GetBoolean();
        var beatsElement = Property(element, "beats", JsonValueKind.Number, path, at);
        if (!beatsElement.TryGetInt32(out var beats) || beats is < 0 or > VerifiedDatasetFormat.MaxBeatsPerRecord)
            throw Fail(path, $"{at}.beats", $"must be a whole number in 0..{VerifiedDatasetFormat.MaxBeatsPerRecord:N0}");
        int? disagreements = null;
        if (element.TryGetProperty("disagreements", out _))
        {
            if (!Property(element, "disagreements", JsonValueKind.Number, path, at).TryGetInt32(out var count) || count is < 0 or > VerifiedDatasetFormat.MaxBeatsPerRecord)
                throw Fail(path, $"{at}.disagreements", $"must be a whole number in 0..{VerifiedDatasetFormat.MaxBeatsPerRecord:N0}");
            disagreements = count;
        }
        var files = Hashes(Property(element, "files", JsonValueKind.Object, path, at), $"{at}.files", path, VerifiedDatasetFormat.MaxFilesPerRecord,
            file => VerifiedDatasetFormat.IsRecordFile(file, name),
            file => $"'{Shorten(file)}' is not a file of record '{name}' ('{name}.' and an extension of letters and digits)");
        foreach (var required in new[] { "hea", VerifiedDatasetFormat.PhysicianAnnotator })
            if (!files.ContainsKey($"{name}.{required}")) throw Fail(path, $"{at}.files", $"{name}.{required} is not listed", SignalProblem.MissingData);
        return new VerifiedRecordEntry(name, group, holdout, beats, files) { Disagreements = disagreements };
    }

    // An object of file names and their SHA-256 (lower-cased), each name accepted by isFile.
    private static SortedDictionary<string, string> Hashes(JsonElement element, string at, string path, int max, Func<string, bool> isFile, Func<string, string> notAFile)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in element.EnumerateObject())
        {
            if (files.Count == max) throw Fail(path, at, $"more than {max} files", SignalProblem.TooLarge);
            if (!isFile(file.Name)) throw Fail(path, at, notAFile(file.Name));
            if (file.Value.ValueKind != JsonValueKind.String || file.Value.GetString() is not { } sha || !VerifiedDatasetFormat.IsSha256(sha))
                throw Fail(path, $"{at}.{file.Name}", "must be a SHA-256: 64 hexadecimal digits");
            if (!files.TryAdd(file.Name, sha.ToLowerInvariant())) throw Fail(path, $"{at}.{file.Name}", "is listed twice");
        }
        return files;
    }

    private static JsonElement Property(JsonElement element, string name, JsonValueKind kind, string path, string? at = null, JsonValueKind? orKind = null)
    {
        var field = at is null ? name : $"{at}.{name}";
        if (!element.TryGetProperty(name, out var value)) throw Fail(path, field, "missing", SignalProblem.MissingData);
        if (value.ValueKind != kind && value.ValueKind != orKind) throw Fail(path, field, $"must be {(orKind is null ? kind.ToString().ToLowerInvariant() : "true or false")}, not {value.ValueKind.ToString().ToLowerInvariant()}");
        return value;
    }

    private static string String(JsonElement element, string name, string path, int maxLength, string? at = null)
    {
        var text = Property(element, name, JsonValueKind.String, path, at).GetString()!;
        if (text.Length > maxLength)
            throw Fail(path, at is null ? name : $"{at}.{name}", $"{text.Length} characters (at most {maxLength})", SignalProblem.TooLarge);
        return text;
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "...";

    internal static SignalFormatException Fail(string path, string field, string reason, SignalProblem problem = SignalProblem.Malformed) =>
        new(path, field, reason) { Problem = problem };
}
