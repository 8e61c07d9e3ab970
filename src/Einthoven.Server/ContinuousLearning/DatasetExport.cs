using System.IO.Compression;

namespace Einthoven.Server.ContinuousLearning;

/// <summary>
/// The export of a dataset version: its folder, already de-identified, zipped once into <c>DATAFOLDER/datasets/ID.zip</c>
/// (a version never changes) with every entry dated 1980-01-01, so the zip carries no time of the data either.
/// </summary>
public sealed class DatasetExport(DatasetVersions datasets)
{
    private static readonly SemaphoreSlim Zipping = new(1, 1);
    private static readonly DateTimeOffset EntryTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The zip's path, made on first use; null when the version's folder is gone.</summary>
    public async Task<string?> ZipAsync(string id, CancellationToken ct)
    {
        var folder = datasets.Folder(id);
        var zip = folder + ".zip";
        if (File.Exists(zip)) return zip;
        if (!Directory.Exists(folder)) return null;
        await Zipping.WaitAsync(ct);
        try
        {
            if (File.Exists(zip)) return zip;
            var partial = zip + ".writing-" + Guid.NewGuid().ToString("N")[..8];
            await Task.Factory.StartNew(() =>
            {
                using (var archive = ZipFile.Open(partial, ZipArchiveMode.Create))
                    foreach (var file in Directory.GetFiles(folder).Order(StringComparer.Ordinal))
                    {
                        var entry = archive.CreateEntry(Path.GetFileName(file), CompressionLevel.Optimal);
                        entry.LastWriteTime = EntryTime;
                        using var target = entry.Open();
                        using var source = File.OpenRead(file);
                        source.CopyTo(target);
                    }
                File.Move(partial, zip);
            }, ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            return zip;
        }
        finally
        {
            Zipping.Release();
        }
    }
}
