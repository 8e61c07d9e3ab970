using Einthoven.Signal.Records;
using SkiaSharp;

namespace Einthoven.Imaging.Digitizing;

/// <summary>
/// Reads a photo to digitise: PNG or JPEG bounded as <see cref="PaperImages.Decode"/> does, then turned upright as its
/// EXIF orientation says. Phones often store a shot as it left the sensor with a flag saying how to turn it; browsers
/// apply the flag, so turning the pixels here keeps the overlay's image coordinates those of the photo the user sees.
/// </summary>
public static class PhotoDecoder
{
    /// <summary>Reads a PNG or JPEG file (at most <see cref="PaperImages.MaxFileBytes"/>) upright.</summary>
    public static (SKBitmap Bitmap, PaperImageFormat Format) Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file", path);
        var length = new FileInfo(path).Length;
        if (length > PaperImages.MaxFileBytes)
            throw new SignalFormatException(path, "size", $"{length} bytes is more than the {PaperImages.MaxFileBytes} an image may have") { Problem = SignalProblem.TooLarge };
        using var data = SKData.Create(path) ?? throw new SignalFormatException(path, "image", "the file cannot be read");
        return Decode(data, path);
    }

    public static (SKBitmap Bitmap, PaperImageFormat Format) Decode(SKData data, string name)
    {
        var bitmap = PaperImages.Decode(data, name);
        using var codec = SKCodec.Create(data); // Decode has accepted the bytes, so they open
        var format = codec.EncodedFormat == SKEncodedImageFormat.Png ? PaperImageFormat.Png : PaperImageFormat.Jpeg;
        if (codec.EncodedOrigin is SKEncodedOrigin.TopLeft) return (bitmap, format);
        using (bitmap) return (Upright(bitmap, codec.EncodedOrigin), format);
    }

    /// <summary>The bitmap as it is meant to be seen when stored with <paramref name="origin"/> (EXIF orientations 2 to 8).</summary>
    public static SKBitmap Upright(SKBitmap stored, SKEncodedOrigin origin)
    {
        float w = stored.Width, h = stored.Height;
        // Each maps a stored pixel position to its upright position: x' = a x + b y + c, y' = d x + e y + f.
        var m = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
            SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
            _ => SKMatrix.Identity,
        };
        var swapped = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var upright = new SKBitmap(new SKImageInfo(swapped ? stored.Height : stored.Width, swapped ? stored.Width : stored.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using var canvas = new SKCanvas(upright);
        canvas.SetMatrix(m);
        using var image = SKImage.FromBitmap(stored);
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest, SKMipmapMode.None));
        return upright;
    }
}
