using SkiaSharp;

namespace Einthoven.Imaging.Paper;

/// <summary>An image of a printed ECG (RGBA, opaque) and its ground truth. Owns the bitmap.</summary>
public sealed class RenderedPaper(SKBitmap bitmap, PaperTruth truth) : IDisposable
{
    public SKBitmap Bitmap { get; } = bitmap;
    public PaperTruth Truth { get; } = truth;

    public void Dispose() => Bitmap.Dispose();
}
