using System.Text;
using Einthoven.Models.Pacemaker;
using Einthoven.Server.Accounts;
using Einthoven.Server.Api;
using Einthoven.Server.Recordings;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Formats.Wfdb;
using Einthoven.Signal.Records;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Einthoven.Server.Pacemaker;

/// <summary>
/// <c>POST /predict</c>, the seed's pacemaker service (SPEC C8): multipart parts named <c>files</c> holding the metadata
/// JSON (<see cref="PredictMetadata"/>), the WFDB <c>.dat</c> and its <c>.hea</c>, in the seed's order (metadata, .dat,
/// .hea) or any other, told apart by extension (.hea, .dat, anything else is the metadata). Every size is bounded before
/// it is trusted: the whole request (<see cref="ServerOptions.MaxPredictBytes"/>), the metadata and the header, and the
/// header's claimed samples against the .dat's length and <see cref="MaxSamples"/>. Adults get the seed's
/// <see cref="PredictResult"/>; under 18, 422 with age, recording date and an empty result; malformed input, a 4xx
/// that names the part, the field and the reason. Any signed-in user or full-access token may call it, and a token
/// limited to <see cref="TokenScopes.PacemakerPredict"/> may call only it; rate-limited per user (<see cref="RateLimits.Predict"/>).
/// </summary>
public static class PredictEndpoints
{
    public const string Route = "/predict";
    public const long MaxMetadataBytes = 16 * 1024, MaxHeaderBytes = 64 * 1024;

    /// <summary>Samples over all leads a request may hold: 12 leads x 5 min at 500 Hz, or MIT-BIH's 2 x 30 min at 360 Hz.</summary>
    public const long MaxSamples = 2_000_000 + 400_000;

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost(Route, Predict).WithTags("Pacemaker").RequireAuthorization().AllowScope(TokenScopes.PacemakerPredict)
            .RequireRateLimiting(RateLimits.Predict).DisableAntiforgery().Accepts<IFormFileCollection>("multipart/form-data")
            .Produces<PredictResult>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(413).ProducesProblem(422).ProducesProblem(429)
            .WithSummary("Pacemaker or not, with its probability, from a WFDB record and the seed's metadata (multipart 'files': metadata JSON, .dat, .hea)")
            .WithDescription("Compatible with the seed: curl -F files=@ecg_predict.txt -F files=@00001_lr.dat -F files=@00001_lr.hea. Adults: {pacemaker, probability, age, recording_date}; under 18: 422 problem with age, recording_date and an empty result. Token scope: pacemaker:predict.");

    private static async Task<IResult> Predict(HttpRequest request, IOptions<ServerOptions> options, CancellationToken ct)
    {
        var settings = options.Value;
        if (request.ContentLength > settings.MaxPredictBytes) return UploadProblems.TooLarge("request", settings.MaxPredictBytes);
        if (!request.HasFormContentType)
            return Problems.BadRequest("not a form upload", "send the metadata JSON, the .dat and the .hea as multipart/form-data parts named 'files'", "files");
        IFormCollection form;
        try { form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = settings.MaxPredictBytes, ValueCountLimit = 16 }, ct); }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase) ? UploadProblems.TooLarge("request", settings.MaxPredictBytes)
                : Problems.BadRequest("unreadable form", UploadFolder.WithoutFolders(e.Message), "files");
        }
        var (parts, wrong) = Sort(form.Files);
        if (parts is null) return Problems.BadRequest("missing or extra file", wrong, "files");
        var (metadataFile, dat, hea) = parts.Value;
        if (metadataFile.Length > MaxMetadataBytes) return UploadProblems.TooLarge(metadataFile.FileName, MaxMetadataBytes);
        if (hea.Length > MaxHeaderBytes) return UploadProblems.TooLarge(hea.FileName, MaxHeaderBytes);

        var (metadata, field, reason) = PredictMetadata.Parse(await ReadAllAsync(metadataFile, ct));
        if (metadata is null)
            return Results.Problem(statusCode: 400, title: "invalid metadata", detail: $"{UploadFolder.WithoutFolders(metadataFile.FileName)}: {field}: {reason}",
                extensions: new Dictionary<string, object?> { ["file"] = UploadFolder.WithoutFolders(metadataFile.FileName), ["field"] = field, ["reason"] = reason });
        if (metadata.Age < PredictMetadata.AdultAge)
            return Results.Problem(statusCode: 422, title: "patient under 18",
                detail: $"the pacemaker detector is validated on adults only (18 and over); no prediction is made at age {metadata.Age}",
                type: "https://einthoven.dev/problems/under-18",
                extensions: new Dictionary<string, object?> { ["age"] = metadata.Age, ["recording_date"] = metadata.RecordingDate, ["result"] = new Dictionary<string, object?>() });

        try
        {
            var header = WfdbHeaderFile.Parse(Encoding.UTF8.GetString(await ReadAllAsync(hea, ct)), UploadFolder.WithoutFolders(hea.FileName));
            var signalFile = CheckSizes(header, hea.FileName, dat);
            using var folder = new UploadFolder(settings.DataFolder, settings.MaxPredictBytes);
            await using (var stream = hea.OpenReadStream()) await folder.AddAsync(header.RecordName + ".hea", stream, ct);
            await using (var stream = dat.OpenReadStream()) await folder.AddAsync(signalFile, stream, ct);
            var path = Path.Combine(folder.Path, header.RecordName + ".hea");
            using var reader = RecordFiles.Open(path, null, new FormatOptions { Limits = settings.Limits });
            var record = RecordFiles.ReadAll(reader);
            var verdict = PacemakerDetector.Shipped.Detect(record);
            return Results.Ok(new PredictResult(verdict.Paced, verdict.Probability, metadata.Age, metadata.RecordingDate));
        }
        catch (SignalFormatException e) { return UploadProblems.For(e); }
        catch (UploadTooLargeException e) { return UploadProblems.TooLarge(e.File, e.Limit); }
        catch (Exception e) when (e is IOException or InvalidDataException or FormatException or OverflowException or ArgumentException)
        {
            return UploadProblems.Unreadable(hea.FileName, e.Message);
        }
    }

    /// <summary>The three parts by extension (.hea, .dat, the other one the metadata), or what is missing or extra.</summary>
    public static ((IFormFile Metadata, IFormFile Dat, IFormFile Hea)? Parts, string Problem) Sort(IReadOnlyList<IFormFile> files)
    {
        static bool Is(IFormFile f, string ext) => f.FileName.EndsWith(ext, StringComparison.OrdinalIgnoreCase);
        var hea = files.Where(f => Is(f, ".hea")).ToArray();
        var dat = files.Where(f => Is(f, ".dat")).ToArray();
        var other = files.Where(f => !Is(f, ".hea") && !Is(f, ".dat")).ToArray();
        var missing = new[] { (other.Length, "the metadata JSON (e.g. ecg_predict.txt)"), (dat.Length, "the .dat signal file"), (hea.Length, "the .hea header") };
        if (missing.FirstOrDefault(m => m.Length == 0) is { Item2: { } absent })
            return (null, $"missing {absent}: send three parts named 'files': the metadata JSON, the .dat and the .hea (got {files.Count}: {Names(files)})");
        if (missing.FirstOrDefault(m => m.Length > 1) is { Item2: { } doubled })
            return (null, $"more than one file taken for {doubled}: send exactly one metadata JSON, one .dat and one .hea (got {Names(files)})");
        return ((other[0], dat[0], hea[0]), "");
    }

    private static string Names(IEnumerable<IFormFile> files) => string.Join(", ", files.Select(f => UploadFolder.WithoutFolders(f.FileName)));

    /// <summary>
    /// The one signal file the header names, after checking its claims: a single-segment record whose signals all lie
    /// in that file in one format, at most <see cref="MaxSamples"/> samples over all leads, and a .dat long enough for them.
    /// </summary>
    private static string CheckSizes(WfdbHeader header, string heaName, IFormFile dat)
    {
        var name = UploadFolder.WithoutFolders(heaName);
        if (header.IsMultiSegment) throw new SignalFormatException(name, "segments", "a multi-segment record is not accepted here; send a single-segment record (.hea + one .dat)");
        var signals = header.Signals.Where(s => !s.IsNull).ToArray();
        if (signals.Length == 0) throw new SignalFormatException(name, "signals", "the header names no signal");
        var files = signals.Select(s => s.FileName).Distinct(StringComparer.Ordinal).ToArray();
        if (files.Length != 1) throw new SignalFormatException(name, "signals", $"the header names {files.Length} signal files ({string.Join(", ", files)}); send a record in one .dat");
        if (signals.Select(s => s.Format).Distinct().Count() != 1) throw new SignalFormatException(name, "format", "the signals are stored in several formats; one is accepted");
        if (header.SampleCount <= 0) throw new SignalFormatException(name, "samples", "the header does not state the number of samples per signal");
        var total = header.SampleCount * signals.Sum(s => (long)Math.Max(1, s.SamplesPerFrame));
        if (total > MaxSamples)
            throw new SignalFormatException(name, "samples", $"{header.SampleCount:N0} samples x {signals.Length} signals is over the {MaxSamples:N0} samples a prediction reads") { Problem = SignalProblem.TooLarge };
        var needed = signals[0].ByteOffset + (WfdbHeaderFile.BytesFor(signals[0].Format, total)
            ?? throw new SignalFormatException(name, "format", $"storage format {signals[0].Format} is not supported"));
        if (dat.Length < needed)
            throw new SignalFormatException(UploadFolder.WithoutFolders(dat.FileName), "length",
                $"the header claims {header.SampleCount:N0} samples x {signals.Length} signals in format {signals[0].Format} ({needed:N0} bytes), the file has {dat.Length:N0} bytes") { Problem = SignalProblem.MissingData };
        return files[0];
    }

    private static async Task<byte[]> ReadAllAsync(IFormFile file, CancellationToken ct)
    {
        await using var stream = file.OpenReadStream();
        using var memory = new MemoryStream((int)Math.Min(file.Length, int.MaxValue));
        await stream.CopyToAsync(memory, ct);
        return memory.ToArray();
    }
}
