using System.Text.RegularExpressions;
using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Wfdb;

/// <summary>
/// Patient and recording metadata in header comments: the MIT-BIH patient line ("69 M 1085 1629 x1": age, sex,
/// then fields with no agreed meaning) and "key: value" comments, including the "&lt;age&gt;: 63 &lt;sex&gt;: F" form.
/// </summary>
public static partial class WfdbComments
{
    private static readonly Dictionary<string, string> KeyAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["age"] = MetadataKeys.Age,
        ["sex"] = MetadataKeys.Sex,
        ["gender"] = MetadataKeys.Sex,
        ["height"] = MetadataKeys.Height,
        ["weight"] = MetadataKeys.Weight,
        ["patient id"] = MetadataKeys.PatientId,
        ["patient_id"] = MetadataKeys.PatientId,
        ["patient"] = MetadataKeys.PatientId,
        ["name"] = MetadataKeys.PatientName,
        ["patient name"] = MetadataKeys.PatientName,
        ["birth date"] = MetadataKeys.BirthDate,
        ["date of birth"] = MetadataKeys.BirthDate,
        ["device"] = MetadataKeys.Device,
        ["site"] = MetadataKeys.Site,
        ["technician"] = MetadataKeys.Technician,
        ["recording id"] = MetadataKeys.RecordingId,
    };

    [GeneratedRegex(@"^\s*(-?\d+|\?)\s+([MF?])\s+\S+\s+\S+\s+x\d+\s*$")]
    private static partial Regex MitBihPatientLine();

    [GeneratedRegex(@"<([^<>]+)>:\s*([^<]*)")]
    private static partial Regex BracketedPairs();

    [GeneratedRegex(@"^\s*([A-Za-z][A-Za-z0-9_\-]*(?: [A-Za-z0-9_\-]+){0,2})\s*:\s*(\S.*?)\s*$")]
    private static partial Regex KeyValue();

    /// <summary>The metadata the comments state unambiguously; the first statement of a key wins.</summary>
    public static Dictionary<string, string> Metadata(IEnumerable<string> comments)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var first = true;
        foreach (var comment in comments)
        {
            if (first && MitBihPatientLine().Match(comment) is { Success: true } mit)
            {
                if (int.TryParse(mit.Groups[1].Value, out var age) && age >= 0) metadata.TryAdd(MetadataKeys.Age, mit.Groups[1].Value);
                if (mit.Groups[2].Value is "M" or "F") metadata.TryAdd(MetadataKeys.Sex, mit.Groups[2].Value);
            }
            else if (BracketedPairs().Matches(comment) is { Count: > 0 } pairs)
            {
                foreach (Match pair in pairs) Add(metadata, pair.Groups[1].Value, pair.Groups[2].Value);
            }
            else if (KeyValue().Match(comment) is { Success: true } kv)
            {
                Add(metadata, kv.Groups[1].Value, kv.Groups[2].Value);
            }
            first = false;
        }
        return metadata;
    }

    /// <summary>
    /// Comments to write for a record: its own comments, then "key: value" lines for every metadata entry those
    /// comments do not already state, so that reading the header back gives the same metadata.
    /// </summary>
    public static IReadOnlyList<string> ForHeader(IReadOnlyList<string> comments, IReadOnlyDictionary<string, string> metadata)
    {
        var stated = Metadata(comments);
        var result = new List<string>(comments);
        foreach (var (key, value) in metadata)
        {
            var clean = value.Replace('\r', ' ').Replace('\n', ' ').Trim();
            if (clean.Length == 0 || (stated.TryGetValue(key, out var existing) && existing == clean)) continue;
            result.Add($"{key}: {clean}");
        }
        return result;
    }

    private static void Add(Dictionary<string, string> metadata, string key, string value)
    {
        value = value.Trim();
        if (value.Length == 0) return;
        var name = KeyAliases.TryGetValue(key.Trim(), out var alias) ? alias : key.Trim().ToLowerInvariant().Replace(' ', '_');
        if (name == MetadataKeys.Sex) value = NormalizeSex(value);
        metadata.TryAdd(name, value);
    }

    private static string NormalizeSex(string value) => value.ToLowerInvariant() switch
    {
        "m" or "male" => "M",
        "f" or "female" => "F",
        _ => value,
    };
}
