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
/// sent as it is; a WFDB record (header, signals, annotations) comes as a zip.
/// </summary>
public static class DownloadEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/recordings/{id:guid}/download", Download).WithTags("Recordings").RequireAuthorization()
            .WithSummary("Download in the original format or another one (wfdb, edf, csv, ...)");

    private static async Task<IResult> Download(Guid id, string? format, ClaimsPrincipal user, AppDb db, PatientAccess access, IOptions<ServerOptions> options, CancellationToken ct)
    {
        var original = string.IsNullOrWhiteSpace(format) || string.Equals(format, "original", StringComparison.OrdinalIgnoreCase);
        var requested = original ? null : Named(format!);
        if (!original && requested is null) // before the read is audited: a refused download reads nothing
            return Problems.BadRequest("unknown format", $"format must be original or one of: {string.Join(", ", RecordFiles.Formats.Select(f => f.Name))}", "format");
        var recording = await access.ReadRecordingAsync(user, id, "recording.download", ct);
        if (recording is null) return Problems.NotFound("recording");
        var target = requested ?? OriginalOf(recording);
        var record = await RecordingLoader.LoadAsync(db, recording, withAnalysis: true, ct);
        var folder = Path.Combine(options.Value.DataFolder, "downloads", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var baseName = SafeBaseName(recording.Name);
            target.Write(record, Path.Combine(folder, baseName + (target.Extensions.FirstOrDefault() ?? "")));
            var files = Directory.GetFiles(folder);
            if (files.Length == 1)
                return Results.File(await File.ReadAllBytesAsync(files[0], ct), "application/octet-stream", Path.GetFileName(files[0]));
            return Results.File(Zip(files), "application/zip", $"{baseName}.{target.Name}.zip");
        }
        catch (SignalFormatException e)
        {
            return Results.Problem(statusCode: 422, title: "cannot write this format",
                detail: $"this recording cannot be written as {target.Name}: {e.Field}: {e.Reason}");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static IRecordFormat? Named(string name) =>
        RecordFiles.Formats.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The uploaded format; a recording made on the server (the demo's "synthetic" ones) had none, and WFDB holds it losslessly.</summary>
    private static IRecordFormat OriginalOf(Recording recording) => Named(recording.OriginalFormat) ?? Named("wfdb")!;

    private static byte[] Zip(string[] files)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var file in files.Order()) zip.CreateEntryFromFile(file, Path.GetFileName(file), CompressionLevel.Fastest);
        return buffer.ToArray();
    }

    private static string SafeBaseName(string name)
    {
        var clean = new string(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
        return clean.Length == 0 ? "recording" : clean[..Math.Min(clean.Length, 64)];
    }
}
