using System.IO.Compression;
using System.Text.RegularExpressions;
using Einthoven.Signal.Records;

namespace Einthoven.Server.Recordings;

/// <summary>
/// A private temporary folder holding one upload's files (zip archives unpacked, names flattened and checked), deleted
/// on dispose; only the server's user may read it (folders 0700, files 0600). Picks the file that names the record:
/// the WFDB header, or the single EDF/CSV file.
/// </summary>
public sealed partial class UploadFolder : IDisposable
{
    private const int MaxFiles = 200;
    private const UnixFileMode PrivateFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly long _maxBytes;
    private long _bytes;

    public UploadFolder(string root, long maxBytes)
    {
        _maxBytes = maxBytes;
        var uploads = Uploads(root);
        CreatePrivate(uploads);
        Path = System.IO.Path.Combine(uploads, Guid.NewGuid().ToString("N"));
        CreatePrivate(Path);
    }

    /// <summary>Deletes what uploads interrupted by a stopped server left behind (run at start, before any upload).</summary>
    public static void Sweep(string root)
    {
        var uploads = Uploads(root);
        if (!Directory.Exists(uploads)) return;
        foreach (var folder in Directory.EnumerateDirectories(uploads))
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { }
        foreach (var file in Directory.EnumerateFiles(uploads)) File.Delete(file);
    }

    /// <summary>
    /// <paramref name="text"/> (an error message) with the folders of every absolute path removed, so that an answer
    /// names an uploaded file by its name and never shows where the server keeps it.
    /// </summary>
    public static string WithoutFolders(string text) => AbsoluteFolders().Replace(text, "");

    [GeneratedRegex(@"(?<![\w.~])(/|[A-Za-z]:\\)([^/\\\s'""]+[/\\])+")]
    private static partial Regex AbsoluteFolders();

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
                    throw new UploadTooLargeException(_maxBytes, $"{zipName}:{entry.FullName}");
                await using var stream = entry.Open();
                await SaveAsync(SafeName(entry.FullName), stream, $"{zipName}:{entry.FullName}", ct);
            }
        }
    }

    private async Task<Stream> Buffered(Stream content, string name, CancellationToken ct)
    {
        if (content.CanSeek) return content;
        var file = System.IO.Path.Combine(Path, "." + name);
        var copy = new FileStream(file, PrivateFileOptions(FileMode.Create, FileAccess.ReadWrite, FileOptions.DeleteOnClose));
        await content.CopyToAsync(copy, ct);
        copy.Position = 0;
        return copy;
    }

    private async Task SaveAsync(string name, Stream content, string shownAs, CancellationToken ct)
    {
        if (Files.Count >= MaxFiles) throw new SignalFormatException(shownAs, "files", $"more than {MaxFiles} files in one upload");
        var target = System.IO.Path.Combine(Path, name);
        if (Files.Contains(target)) throw new SignalFormatException(shownAs, "files", $"'{name}' was uploaded twice");
        await using var file = new FileStream(target, PrivateFileOptions(FileMode.CreateNew, FileAccess.Write, FileOptions.None));
        var buffer = new byte[1 << 16];
        int read;
        while ((read = await content.ReadAsync(buffer, ct)) > 0)
        {
            _bytes += read;
            if (_bytes > _maxBytes) throw new UploadTooLargeException(_maxBytes, shownAs);
            await file.WriteAsync(buffer.AsMemory(0, read), ct);
        }
        Files.Add(target);
    }

    private static string Uploads(string root) => System.IO.Path.Combine(root, "uploads");

    private static void CreatePrivate(string folder)
    {
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
        else
        {
            Directory.CreateDirectory(folder, PrivateFolder);
            File.SetUnixFileMode(folder, PrivateFolder); // also when an older server created it with the default mode
        }
    }

    private static FileStreamOptions PrivateFileOptions(FileMode mode, FileAccess access, FileOptions options)
    {
        var o = new FileStreamOptions { Mode = mode, Access = access, Share = FileShare.None, BufferSize = 1 << 16, Options = options };
        if (!OperatingSystem.IsWindows()) o.UnixCreateMode = PrivateFile;
        return o;
    }

    private static string SafeName(string fileName)
    {
        var path = fileName.Replace('\\', '/');
        // Folders inside a zip are flattened; a name that climbs out of the archive or starts at a root is refused.
        if (path.StartsWith('/') || path.Split('/').Contains("..") || (path.Length > 1 && path[1] == ':'))
            throw new SignalFormatException(fileName, "file name", "a file name must not lead out of the upload (no '..', no absolute path)");
        var name = System.IO.Path.GetFileName(path);
        if (name.Length == 0 || name.StartsWith('.') || name.Length > 200 || name.IndexOfAny(System.IO.Path.GetInvalidFileNameChars()) >= 0)
            throw new SignalFormatException(fileName, "file name", "not a usable file name");
        return name;
    }
}

public sealed class UploadTooLargeException(long limit, string file) : Exception($"{file}: the upload exceeds {limit} bytes")
{
    public long Limit { get; } = limit;
    public string File { get; } = file;
}
