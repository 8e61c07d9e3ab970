using System.Globalization;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;

namespace Einthoven.Server.Recordings;

/// <summary>
/// A recording sent as a multipart upload (a WFDB record .hea + .dat [+ .atr], a zip of one, an EDF/EDF+ file or a CSV
/// file with samplingFrequency and unit fields when the file does not state them), opened for reading from a private
/// temporary folder that is deleted afterwards. <see cref="UseAsync"/> turns every way an upload can be wrong into a
/// problem that names the file, the field and the reason; the limits of <see cref="ServerOptions.Limits"/> are checked
/// from the header before any sample is read. Both the upload of a recording and the 12-lead classification read
/// uploads through it.
/// </summary>
public sealed class UploadedRecord
{
    private UploadedRecord(ISignalReader reader, string formatName, string shownName) =>
        (Reader, FormatName, ShownName) = (reader, formatName, shownName);

    public ISignalReader Reader { get; }
    public string FormatName { get; }
    /// <summary>The main file's name as uploaded (never a server path).</summary>
    public string ShownName { get; }

    /// <summary>Reads the upload and runs <paramref name="use"/> on it; a bad upload, or a format error while reading it, becomes a 4xx problem.</summary>
    public static async Task<IResult> UseAsync(HttpRequest request, ServerOptions settings, Func<UploadedRecord, Task<IResult>> use, CancellationToken ct)
    {
        if (request.ContentLength > settings.MaxUploadBytes) return UploadProblems.TooLarge("upload", settings.MaxUploadBytes);
        if (!request.HasFormContentType) return Api.Problems.BadRequest("not a form upload", "send the files as multipart/form-data", "files");
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
            var format = RecordFiles.Resolve(main, Field(form, "format"));
            using var reader = format.Open(main, ReadOptions(form) with { Limits = settings.Limits });
            Validate(reader.Info, shown);
            return await use(new UploadedRecord(reader, format.Name, shown));
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
