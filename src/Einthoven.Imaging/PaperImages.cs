using Einthoven.Signal.Records;
using SkiaSharp;

namespace Einthoven.Imaging;

public enum PaperImageFormat { Png, Jpeg }

/// <summary>Writes page images as PNG or JPEG and reads them back as RGBA bitmaps, bounding every size first.</summary>
public static class PaperImages
{
    public const long MaxFileBytes = 64L * 1024 * 1024;
    public const int MaxSide = 20_000;
    public const long MaxPixels = 100_000_000;

    /// <summary>The format an image file's extension names (.png, .jpg, .jpeg).</summary>
    public static PaperImageFormat FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".png" => PaperImageFormat.Png,
        ".jpg" or ".jpeg" => PaperImageFormat.Jpeg,
        var ext => throw new ArgumentException($"{path}: cannot tell the image format from '{ext}'; use .png, .jpg or .jpeg", nameof(path)),
    };

    public static void Save(SKBitmap bitmap, string path, int jpegQuality = 90)
    {
        var format = FormatOf(path);
        using var file = File.Create(path);
        Write(bitmap, file, format, jpegQuality);
    }

    public static void Write(SKBitmap bitmap, Stream stream, PaperImageFormat format, int jpegQuality = 90)
    {
        using var data = Encode(bitmap, format, jpegQuality);
        data.SaveTo(stream);
    }

    public static SKData Encode(SKBitmap bitmap, PaperImageFormat format, int jpegQuality = 90)
    {
        if (jpegQuality is < 1 or > 100) throw new ArgumentOutOfRangeException(nameof(jpegQuality), jpegQuality, "JPEG quality is 1..100");
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(format == PaperImageFormat.Png ? SKEncodedImageFormat.Png : SKEncodedImageFormat.Jpeg, jpegQuality)
               ?? throw new InvalidOperationException($"SkiaSharp could not encode a {bitmap.Width} x {bitmap.Height} image as {format}");
    }

    public static SKBitmap Read(string path)
    {
        var length = new FileInfo(path).Length;
        if (length > MaxFileBytes) throw new SignalFormatException(path, "size", $"{length} bytes is more than the {MaxFileBytes} an image may have") { Problem = SignalProblem.TooLarge };
        using var data = SKData.Create(path) ?? throw new SignalFormatException(path, "image", "the file cannot be read");
        return Decode(data, path);
    }

    /// <summary>Decodes PNG or JPEG bytes to an RGBA bitmap; <paramref name="name"/> names the source in errors.</summary>
    public static SKBitmap Decode(SKData data, string name)
    {
        if (data.Size > MaxFileBytes) throw new SignalFormatException(name, "size", $"{data.Size} bytes is more than the {MaxFileBytes} an image may have") { Problem = SignalProblem.TooLarge };
        using var codec = SKCodec.Create(data) ?? throw new SignalFormatException(name, "image", "not an image SkiaSharp can decode (PNG or JPEG expected)");
        if (codec.EncodedFormat is not (SKEncodedImageFormat.Png or SKEncodedImageFormat.Jpeg))
            throw new SignalFormatException(name, "format", $"{codec.EncodedFormat} images are not accepted; PNG or JPEG expected");
        var (w, h) = (codec.Info.Width, codec.Info.Height);
        if (w < 1 || h < 1 || w > MaxSide || h > MaxSide || (long)w * h > MaxPixels)
            throw new SignalFormatException(name, "dimensions", $"{w} x {h} px is outside 1..{MaxSide} px a side and {MaxPixels} px in all") { Problem = SignalProblem.TooLarge };
        var info = new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Opaque);
        var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result is SKCodecResult.Success or SKCodecResult.IncompleteInput) return bitmap;
        bitmap.Dispose();
        throw new SignalFormatException(name, "image", $"decoding failed: {result}");
    }
}
