using System.Globalization;
using System.Security.Claims;
using Einthoven.Server.Accounts;
using Einthoven.Server.Api;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;
using Microsoft.Extensions.Options;

namespace Einthoven.Server.Recordings;

/// <summary>
/// POST /api/recordings: multipart upload of a WFDB record (.hea + .dat [+ .atr]), a zip of one, an EDF/EDF+ file or a
/// CSV file (with samplingFrequency and unit fields when the file does not state them). A file that cannot be stored is
/// answered with a problem naming the file, the field and the reason (<see cref="UploadProblems"/>), and nothing is
/// stored; the limits of <see cref="ServerOptions.Limits"/> are checked from the header before any sample is read.
/// </summary>
public static class UploadEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/recordings", Upload).WithTags("Recordings").RequireAuthorization(p => p.RequireRole(Roles.Patient))
            .DisableAntiforgery().Accepts<IFormFileCollection>("multipart/form-data")
            .Produces<UploadResult>(StatusCodes.Status201Created).ProducesProblem(400).ProducesProblem(413).ProducesProblem(422)
            .WithSummary("Upload a recording (WFDB .hea+.dat[+.atr] or .zip, EDF/EDF+, CSV); queues its analysis");

    private static async Task<IResult> Upload(HttpRequest request, ClaimsPrincipal user, RecordingImporter importer, IOptions<ServerOptions> options, CancellationToken ct)
    {
        var settings = options.Value;
        if (request.ContentLength > settings.MaxUploadBytes) return UploadProblems.TooLarge("upload", settings.MaxUploadBytes);
        if (!request.HasFormContentType) return Problems.BadRequest("not a form upload", "send the files as multipart/form-data", "files");
        using var folder = new UploadFolder(settings.DataFolder, settings.MaxUploadBytes);
        string? shown = null;
        try
        {
            var form = await request.ReadFormAsync(ct);
            foreach (var file in form.Files)
            {
                await using var stream = file.OpenReadStream();
                await folder.AddAsync(file.FileName, stream, ct);
            }
            var main = folder.MainFile(Field(form, "record"));
            shown = Path.GetFileName(main);
            var formatName = Field(form, "format");
            var format = RecordFiles.Resolve(main, formatName);
            using var reader = format.Open(main, ReadOptions(form) with { Limits = settings.Limits });
            Validate(reader.Info, shown);
            var (recording, job) = await importer.ImportAsync(user.UserId(), reader, format.Name, shown, ct);
            return Results.Created($"/api/recordings/{recording.Id}", new UploadResult(RecordingView.Of(recording), JobView.Of(job)));
        }
        catch (SignalFormatException e) { return UploadProblems.For(e); }
        catch (UploadTooLargeException e) { return UploadProblems.TooLarge(e.File, e.Limit); }
        catch (InvalidDataException e) when (e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            return UploadProblems.TooLarge(shown ?? "upload", settings.MaxUploadBytes); // the multipart reader's own length limit
        }
        catch (Exception e) when (e is IOException or InvalidDataException or FormatException or OverflowException or ArgumentException)
        {
            return UploadProblems.Unreadable(shown ?? "upload", e.Message);
        }
    }

    private static void Validate(RecordInfo info, string file)
    {
        if (info.Leads.Count == 0) throw Unusable(file, "signals", "the record has no signals");
        if (info.SampleCount <= 0) throw Unusable(file, "length", "the record has no samples");
        if (!(info.SamplingFrequency > 0) || double.IsInfinity(info.SamplingFrequency))
            throw new SignalFormatException(file, "sampling frequency", $"{info.SamplingFrequency} Hz is not a usable rate");
    }

    private static SignalFormatException Unusable(string file, string field, string reason) =>
        new(file, field, reason) { Problem = SignalProblem.MissingData };

    private static FormatOptions ReadOptions(IFormCollection form)
    {
        double? fs = null;
        if (Field(form, "samplingFrequency") is { } text)
            fs = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0
                ? v : throw new SignalFormatException("form", "samplingFrequency", $"'{text}' is not a positive number");
        return new FormatOptions { SamplingFrequency = fs, Unit = Field(form, "unit") };
    }

    private static string? Field(IFormCollection form, string name) =>
        form.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;
}
