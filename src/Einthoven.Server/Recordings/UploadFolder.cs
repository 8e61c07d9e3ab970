using System.IO.Compression;
using Einthoven.Signal.Records;

namespace Einthoven.Server.Recordings;

/// <summary>
/// A private temporary folder holding one upload's files (zip archives unpacked, names flattened and checked), deleted
/// on dispose. Picks the file that names the record: the WFDB header, or the single EDF/CSV file.
/// </summary>
public sealed class UploadFolder : IDisposable
{
    private const int MaxFiles = 200;
    private readonly long _maxBytes;
    private long _bytes;

    public UploadFolder(string root, long maxBytes)
    {
        _maxBytes = maxBytes;
        Path = System.IO.Path.Combine(root, "uploads", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public List<string> Files { get; } = [];

    public async Task AddAsync(string fileName, Stream content, CancellationToken ct)
    {
        var name = SafeName(fileName);
        if (name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)) await AddZipAsync(name, content, ct);
        else await SaveAsync(name, content, fileName, ct);
    }

    /// <summary>The path to open: the header for WFDB (the one named <paramref name="record"/> if several), else the one data file.</summary>
    public string MainFile(string? record)
    {
        if (Files.Count == 0) throw new SignalFormatException("upload", "files", "no file was uploaded");
        var headers = Files.Where(f => f.EndsWith(".hea", StringComparison.OrdinalIgnoreCase)).ToList();
        if (record is not null)
        {
            var wanted = SafeName(record);
            return Files.FirstOrDefault(f => System.IO.Path.GetFileName(f).Equals(wanted, StringComparison.OrdinalIgnoreCase))
                   ?? headers.FirstOrDefault(f => System.IO.Path.GetFileNameWithoutExtension(f).Equals(wanted, StringComparison.OrdinalIgnoreCase))
                   ?? throw new SignalFormatException(record, "record", "no uploaded file has this name");
        }
        if (headers.Count == 1) return headers[0];
        if (headers.Count > 1)
            throw new SignalFormatException("upload", "record", $"{headers.Count} WFDB headers were uploaded; name the record to import with the 'record' field");
        if (Files.Count == 1) return Files[0];
        throw new SignalFormatException("upload", "files", $"{Files.Count} files but no WFDB header; upload one EDF or CSV file, or a WFDB record (.hea + .dat)");
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { } // best effort: the folder is under the server's own temp area
    }

    private async Task AddZipAsync(string zipName, Stream content, CancellationToken ct)
    {
        ZipArchive zip;
        try { zip = new ZipArchive(await Buffered(content, zipName, ct), ZipArchiveMode.Read); }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or IOException)
        {
            throw new SignalFormatException(zipName, "zip", $"not a readable zip archive ({e.Message})");
        }
        using (zip)
        {
            foreach (var entry in zip.Entries.Where(e => !e.FullName.EndsWith('/')))
            {
                if (entry.Length > _maxBytes - _bytes)
                    throw new UploadTooLargeException(_maxBytes);
                await using var stream = entry.Open();
                await SaveAsync(SafeName(entry.Name), stream, $"{zipName}:{entry.FullName}", ct);
            }
        }
    }

    private async Task<Stream> Buffered(Stream content, string name, CancellationToken ct)
    {
        if (content.CanSeek) return content;
        var file = System.IO.Path.Combine(Path, "." + name);
        var copy = new FileStream(file, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        await content.CopyToAsync(copy, ct);
        copy.Position = 0;
        return copy;
    }

    private async Task SaveAsync(string name, Stream content, string shownAs, CancellationToken ct)
    {
        if (Files.Count >= MaxFiles) throw new SignalFormatException(shownAs, "files", $"more than {MaxFiles} files in one upload");
        var target = System.IO.Path.Combine(Path, name);
        if (Files.Contains(target)) throw new SignalFormatException(shownAs, "files", $"'{name}' was uploaded twice");
        await using var file = File.Create(target);
        var buffer = new byte[1 << 16];
        int read;
        while ((read = await content.ReadAsync(buffer, ct)) > 0)
        {
            _bytes += read;
            if (_bytes > _maxBytes) throw new UploadTooLargeException(_maxBytes);
            await file.WriteAsync(buffer.AsMemory(0, read), ct);
        }
        Files.Add(target);
    }

    private static string SafeName(string fileName)
    {
        var name = System.IO.Path.GetFileName(fileName.Replace('\\', '/'));
        if (name.Length == 0 || name.StartsWith('.') || name.Length > 200 || name.IndexOfAny(System.IO.Path.GetInvalidFileNameChars()) >= 0)
            throw new SignalFormatException(fileName, "file name", "not a usable file name");
        return name;
    }
}

public sealed class UploadTooLargeException(long limit) : Exception($"upload exceeds {limit} bytes")
{
    public long Limit { get; } = limit;
}
