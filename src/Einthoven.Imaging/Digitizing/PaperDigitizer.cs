using Einthoven.Signal.Records;
using SkiaSharp;

namespace Einthoven.Imaging.Digitizing;

/// <summary>Turns a photo or scan of a printed 12-lead ECG back into a record.</summary>
public static class PaperDigitizer
{
    /// <summary>Decodes PNG or JPEG bytes (bounded as <see cref="PaperImages.Decode"/> does) and digitises them.</summary>
    public static DigitizedEcg Digitize(SKData image, string name, DigitizeOptions? options = null)
    {
        using var bitmap = PaperImages.Decode(image, name);
        return Digitize(bitmap, options);
    }

    /// <summary>Digitises an RGBA bitmap; throws <see cref="DigitizeException"/> when it cannot.</summary>
    public static DigitizedEcg Digitize(SKBitmap image, DigitizeOptions? options = null)
    {
        throw new NotImplementedException("being written (issue 29)");
    }
}
