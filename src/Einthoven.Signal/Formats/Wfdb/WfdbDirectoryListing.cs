using System.Collections.Concurrent;

namespace Einthoven.Signal.Formats.Wfdb;

/// <summary>
/// File names of a folder grouped by record name, cached while the folder is unchanged: data sets keep thousands of
/// records in one folder, and listing it for every record opened would cost more than decoding the record.
/// </summary>
internal static class WfdbDirectoryListing
{
    private const int MaxCachedFolders = 64;
    private static readonly ConcurrentDictionary<string, Listing> Cache = new(StringComparer.Ordinal);

    /// <summary>Extensions of the files named <c>record.ext</c> in <paramref name="directory"/>.</summary>
    public static IReadOnlyList<string> Extensions(string directory, string record)
    {
        var stamp = Directory.GetLastWriteTimeUtc(directory);
        if (!Cache.TryGetValue(directory, out var listing) || listing.Stamp != stamp)
        {
            listing = new Listing(stamp, Scan(directory));
            if (Cache.Count >= MaxCachedFolders) Cache.Clear();
            Cache[directory] = listing;
        }
        return listing.ByRecord.TryGetValue(record, out var extensions) ? extensions : [];
    }

    private static Dictionary<string, List<string>> Scan(string directory)
    {
        var byRecord = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(directory))
        {
            var name = Path.GetFileName(path);
            // A record name may itself hold dots, so every split point is a candidate.
            for (var dot = name.IndexOf('.'); dot > 0 && dot < name.Length - 1; dot = name.IndexOf('.', dot + 1))
            {
                var record = name[..dot];
                if (!byRecord.TryGetValue(record, out var list)) byRecord[record] = list = [];
                list.Add(name[(dot + 1)..]);
            }
        }
        return byRecord;
    }

    private sealed record Listing(DateTime Stamp, Dictionary<string, List<string>> ByRecord);
}
