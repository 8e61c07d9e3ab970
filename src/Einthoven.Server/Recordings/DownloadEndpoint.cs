using System.IO.Compression;
using System.Security.Claims;
using Einthoven.Server.Api;
using Einthoven.Server.Sharing;
using Einthoven.Server.Storage;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;
using Microsoft.Extensions.Options;

namespace Einthoven.Server.Recordings;

/// <summary>
/// GET /api/recordings/{id}/download?format=original|wfdb|edf|csv: the recording written by the signal library's
/// writer for that format (samples are stored losslessly, so "original" gives back the uploaded values). One file is
/// sent as it is; a WFDB record (header, signals, annotations) comes as a zip. The writer streams from the stored chunks
/// into a temporary folder, which is deleted once the response has been sent: memory does not grow with the recording.
/// </summary>
public static class DownloadEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/recordings/{id:guid}/download", Download).WithTags("Recordings").RequireAuthorization()
            .WithSummary("Download in the original format or another one (wfdb, edf, csv, ...): one file, or a zip of a WFDB record's files")
            .Produces<Stream>(StatusCodes.Status200OK, "application/octet-stream", "application/zip")
            .ProducesProblem(400).ProducesProblem(404).ProducesProblem(422);

    private static async Task<IResult> Download(Guid id, string? format, ClaimsPrincipal user, AppDb db, PatientAccess access,
        IOptions<ServerOptions> options, HttpContext http, CancellationToken ct)
    {
        var original = string.IsNullOrWhiteSpace(format) || string.Equals(format, "original", StringComparison.OrdinalIgnoreCase);
        var requested = original ? null : Named(format!);
        if (!original && requested is null) // before the read is audited: a refused download reads nothing
            return Problems.BadRequest("unknown format", $"format must be original or one of: {string.Join(", ", RecordFiles.Formats.Select(f => f.Name))}", "format");
        var recording = await access.ReadRecordingAsync(user, id, "recording.download", ct);
        if (recording is null) return Problems.NotFound("recording");
        var target = requested ?? OriginalOf(recording);
        var folder = Path.Combine(options.Value.DataFolder, "downloads", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var sending = false;
        try
        {
            var baseName = SafeBaseName(recording.Name);
            // The writer streams from the stored chunks (synchronous reads on this request's context) into a temp file,
            // on a thread of its own: a long recording takes seconds to minutes, too long to hold a pool thread.
            await Task.Factory.StartNew(() =>
            {
                using var reader = new StoredRecordingReader(db, recording, withAnalysis: true);
                target.Write(reader, Path.Combine(folder, baseName + (target.Extensions.FirstOrDefault() ?? "")));
            }, ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            var files = Directory.GetFiles(folder);
            var (file, type, download) = files.Length == 1
                ? (files[0], "application/octet-stream", Path.GetFileName(files[0]))
                : (Zip(files, Path.Combine(folder, "download.zip")), "application/zip", $"{baseName}.{target.Name}.zip");
            http.Response.OnCompleted(() =>
            {
                Delete(folder);
                return Task.CompletedTask;
            });
            sending = true;
            return Results.File(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan), type, download);
        }
        catch (Exception e) when (e is SignalFormatException or ArgumentException)
        {
            var reason = e is SignalFormatException f ? $"{f.Field}: {f.Reason}" : e.Message;
            return Results.Problem(statusCode: 422, title: "cannot write this format",
                detail: $"this recording cannot be written as {target.Name}: {reason}");
        }
        finally
        {
            if (!sending) Delete(folder);
        }
    }

    private static IRecordFormat? Named(string name) =>
        RecordFiles.Formats.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The uploaded format; a recording made on the server (the demo's "synthetic" ones) had none, and WFDB holds it losslessly.</summary>
    private static IRecordFormat OriginalOf(Recording recording) => Named(recording.OriginalFormat) ?? Named("wfdb")!;

    /// <summary>Zips the files into <paramref name="path"/> on disk (never in memory) and returns that path.</summary>
    private static string Zip(string[] files, string path)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var file in files.Order(StringComparer.Ordinal)) zip.CreateEntryFromFile(file, Path.GetFileName(file), CompressionLevel.Fastest);
        return path;
    }

    private static void Delete(string folder)
    {
        try { Directory.Delete(folder, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { } // a leftover temp folder must not fail the response
    }

    private static string SafeBaseName(string name)
    {
        var clean = new string(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
        return clean.Length == 0 ? "recording" : clean[..Math.Min(clean.Length, 64)];
    }
}
