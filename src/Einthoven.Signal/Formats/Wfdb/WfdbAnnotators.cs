using System.Buffers.Binary;

namespace Einthoven.Signal.Formats.Wfdb;

/// <summary>
/// Finds the annotation files of a record: sibling files <c>record.ext</c> with a well-known annotator extension, or
/// any other extension whose contents look like an MIT annotation file.
/// </summary>
internal static class WfdbAnnotators
{
    private static readonly string[] WellKnown =
        ["atr", "qrs", "cls", "ari", "ecg", "wqrs", "gqrs", "sqrs", "pu", "pu0", "pu1", "apn", "st", "stb", "man", "ann", "all"];

    private static readonly HashSet<string> NeverAnnotations = new(StringComparer.OrdinalIgnoreCase)
    {
        "hea", "dat", "mat", "csv", "txt", "xml", "json", "edf", "zip", "png", "pdf", "xws", "info", "html", "hea-",
    };

    public static IReadOnlyList<string> Find(string directory, string record, IEnumerable<string> signalFiles)
    {
        if (!Directory.Exists(directory)) return [];
        var excluded = new HashSet<string>(signalFiles, StringComparer.Ordinal);
        var found = new List<string>();
        foreach (var ext in WfdbDirectoryListing.Extensions(directory, record))
        {
            if (excluded.Contains(record + "." + ext) || !WfdbNames.IsValidRecordName(ext) || NeverAnnotations.Contains(ext)) continue;
            if (WellKnown.Contains(ext, StringComparer.Ordinal) || LooksLikeAnnotations(Path.Combine(directory, record + "." + ext))) found.Add(ext);
        }
        found.Sort((a, b) => Rank(a).CompareTo(Rank(b)) is var c && c != 0 ? c : string.CompareOrdinal(a, b));
        return found;
    }

    private static int Rank(string ext) => Array.IndexOf(WellKnown, ext) is var i and >= 0 ? i : WellKnown.Length;

    /// <summary>An even number of bytes ending with the zero end-of-annotations word.</summary>
    private static bool LooksLikeAnnotations(string path)
    {
        try
        {
            using var handle = File.OpenHandle(path);
            var length = RandomAccess.GetLength(handle);
            if (length < 2 || length % 2 != 0) return false;
            Span<byte> last = stackalloc byte[2];
            return RandomAccess.Read(handle, last, length - 2) == 2 && BinaryPrimitives.ReadUInt16LittleEndian(last) == 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
