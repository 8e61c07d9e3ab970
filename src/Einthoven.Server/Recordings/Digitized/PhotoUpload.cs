using System.Globalization;
using Einthoven.Imaging;
using Einthoven.Imaging.Digitizing;
using Einthoven.Server.Api;
using Einthoven.Server.Localization;
using Einthoven.Signal.Records;
using Microsoft.AspNetCore.Http.Features;
using SkiaSharp;

namespace Einthoven.Server.Recordings.Digitized;

/// <summary>
/// One photo of a paper ECG sent as multipart/form-data (a single file part; the store step adds form fields), read into
/// memory within <see cref="ServerOptions.MaxPhotoBytes"/> and decoded upright (<see cref="PhotoDecoder"/>). Every way
/// it can be wrong is a problem naming what is wrong: 400 (not a form, no file or several, not a PNG or JPEG, a bad
/// field), 413 (over the limit, in bytes or pixels) and 422 from the digitiser (<see cref="Refused"/>).
/// </summary>
public sealed class PhotoUpload : IDisposable
{
    private PhotoUpload(string fileName, byte[] bytes, SKBitmap bitmap, PaperImageFormat format, IFormCollection form) =>
        (FileName, Bytes, Bitmap, Format, Form) = (fileName, bytes, bitmap, format, form);

    /// <summary>The file's name as uploaded (never a path).</summary>
    public string FileName { get; }
    public byte[] Bytes { get; }
    public SKBitmap Bitmap { get; }
    public PaperImageFormat Format { get; }
    public IFormCollection Form { get; }
    public string ContentType => Format == PaperImageFormat.Png ? "image/png" : "image/jpeg";

    public static async Task<IResult> UseAsync(HttpRequest request, ServerOptions settings, Func<PhotoUpload, Task<IResult>> use, CancellationToken ct)
    {
        var limit = settings.MaxPhotoBytes;
        if (request.ContentLength > limit + 64 * 1024) return UploadProblems.TooLarge("photo", limit);
        if (!request.HasFormContentType) return Problems.BadRequest("not a form upload", "send the photo as a multipart/form-data file part named 'image'", "image");
        IFormCollection form;
        try { form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limit, ValueCountLimit = 16 }, ct); }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase) ? UploadProblems.TooLarge("photo", limit)
                : Problems.BadRequest("unreadable form", UploadFolder.WithoutFolders(e.Message), "image");
        }
        if (form.Files.Count != 1)
            return Problems.BadRequest("one photo expected", $"send exactly one image file (PNG or JPEG); this request has {form.Files.Count}", "image");
        var file = form.Files[0];
        var name = Path.GetFileName(file.FileName.Replace('\\', '/'));
        if (string.IsNullOrWhiteSpace(name)) name = "photo";
        if (file.Length > limit) return UploadProblems.TooLarge(name, limit);
        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream()) await stream.ReadExactlyAsync(bytes, ct);
        SKBitmap bitmap;
        PaperImageFormat format;
        try
        {
            using var data = SKData.CreateCopy(bytes);
            (bitmap, format) = PhotoDecoder.Decode(data, name);
        }
        catch (SignalFormatException e) { return UploadProblems.ForPhoto(e); }
        using var upload = new PhotoUpload(name, bytes, bitmap, format, form);
        try { return await use(upload); }
        catch (DigitizeException e) { return Refused(name, e); }
    }

    /// <summary>Digitises the photo; the same photo always gives the same record (the digitiser is deterministic).</summary>
    public DigitizedEcg Digitize(string recordName) =>
        PaperDigitizer.Digitize(Bitmap, new DigitizeOptions { RecordName = recordName });

    /// <summary>A form field's value, trimmed, or null when absent or blank.</summary>
    public string? Field(string name) => Form.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v.ToString()) ? v.ToString().Trim() : null;

    /// <summary>422: the digitiser's message as the detail, its problem code and advice on retaking the photo as extensions.</summary>
    public static IResult Refused(string file, DigitizeException e) =>
        new LocalizedProblem(422, "photo cannot be digitised", new ProblemText(e.Message), new Dictionary<string, object?>
        {
            ["file"] = file, ["problem"] = e.Problem.ToString(), ["advice"] = e.Advice,
        });

    /// <summary>A date (yyyy-MM-dd) or date and time (ISO 8601; UTC unless it says otherwise), or a problem naming the field.</summary>
    public static bool TryParseRecordedAt(string? text, out DateTime? at)
    {
        at = null;
        if (text is null) return true;
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed)) return false;
        at = DateTime.SpecifyKind(parsed, DateTimeKind.Utc);
        return true;
    }

    public void Dispose() => Bitmap.Dispose();
}
