using Einthoven.Imaging;
using Einthoven.Imaging.Degradation;
using Einthoven.Imaging.Paper;
using Einthoven.Signal.Formats;
using Einthoven.TestSupport;
using SkiaSharp;

namespace Einthoven.Server.Tests.Hosting;

/// <summary>Photos of paper ECGs for the digitiser's endpoints: real PTB-XL records printed and degraded as a phone would (docs/IMAGING.md).</summary>
public static class TestPhotos
{
    /// <summary>The first record of PTB-XL's fold 9, the fold the digitiser is selected on.</summary>
    public const string Fold9Record = "00008_lr";

    public static string PtbXlStem(string name) => Path.Combine(TestData.PtbXl, "records100", "00000", name);

    /// <summary>
    /// The record printed 3x4 at 4 px/mm, degraded at the phone level with <paramref name="seed"/>, as JPEG quality 85.
    /// Seed 2 is one the digitiser reads (3x4+1, 12 leads, confidence 0.98); it still refuses about half the phone-level
    /// seeds of this record (cropped, grid not found, wrong row count), so a test of the product's path uses this one.
    /// </summary>
    public static byte[] PhoneJpeg(string record = Fold9Record, int seed = 2)
    {
        using var page = PaperEcgRenderer.Render(RecordFiles.Read(PtbXlStem(record)), new PaperOptions());
        using var photo = PaperDegradation.Apply(page, DegradationOptions.PhoneLike, seed);
        using var data = PaperImages.Encode(photo.Bitmap, PaperImageFormat.Jpeg, 85);
        return data.ToArray();
    }

    /// <summary>A PNG of uniform random noise: an image, but no ECG.</summary>
    public static byte[] NoisePng(int width = 800, int height = 600, int seed = 7)
    {
        var random = new Random(seed);
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var pixels = new byte[width * height * 4];
        random.NextBytes(pixels);
        for (var i = 3; i < pixels.Length; i += 4) pixels[i] = 255;
        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var data = PaperImages.Encode(bitmap, PaperImageFormat.Png);
        return data.ToArray();
    }

    public static MultipartFormDataContent Form(string fileName, byte[] image, IDictionary<string, string>? fields = null)
    {
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(image);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(fileName.EndsWith(".png") ? "image/png" : "image/jpeg");
        form.Add(content, "image", fileName);
        foreach (var (k, v) in fields ?? new Dictionary<string, string>()) form.Add(new StringContent(v), k);
        return form;
    }
}
