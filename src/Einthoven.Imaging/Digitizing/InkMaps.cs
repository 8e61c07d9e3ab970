using OpenCvSharp;
using SkiaSharp;

namespace Einthoven.Imaging.Digitizing;

/// <summary>
/// The photo reduced to what the digitiser reads, with the lighting taken out: how much darker each pixel is than the
/// paper around it (<see cref="Darkness"/>, 0 white .. 1 black) and how black rather than coloured that ink is
/// (<see cref="Blackness"/>: darkness less its colourfulness, so a red, green or blue grid and coloured pen marks fall
/// near 0 while a black trace stays high).
/// </summary>
internal sealed class InkMaps : IDisposable
{
    /// <summary>Longest side the digitiser works at; larger photos are shrunk first (a 4,000 px phone photo has far more pixels than a trace needs).</summary>
    public const int MaxWorkingSide = 2400;

    private InkMaps(Mat darkness, Mat blackness, Mat thinLines, double scale)
    {
        Darkness = darkness;
        Blackness = blackness;
        ThinLines = thinLines;
        Scale = scale;
    }

    public Mat Darkness { get; }
    /// <summary>
    /// Darkness of thin dark lines only (a black-hat: how much darker a pixel is than the brightest it could be closed
    /// over within a few pixels), so a dark table or a shadow, however dark, adds nothing and grid lines stand out.
    /// </summary>
    public Mat ThinLines { get; }
    public Mat Blackness { get; }
    /// <summary>Working pixels per input pixel (1, or less when the photo was shrunk).</summary>
    public double Scale { get; }
    public int Width => Darkness.Width;
    public int Height => Darkness.Height;

    public static InkMaps From(SKBitmap image)
    {
        using var rgba = ToRgba(image);
        using var source = Mat.FromPixelData(rgba.Height, rgba.Width, MatType.CV_8UC4, rgba.GetPixels(), rgba.RowBytes);
        var scale = Math.Min(1.0, (double)MaxWorkingSide / Math.Max(image.Width, image.Height));
        using var working = new Mat();
        if (scale < 1) Cv2.Resize(source, working, new Size(0, 0), scale, scale, InterpolationFlags.Area);
        else source.CopyTo(working);

        using var colour = new Mat();
        working.ConvertTo(colour, MatType.CV_32FC4, 1 / 255.0);
        var channels = Cv2.Split(colour);
        try
        {
            var (r, g, b) = (channels[0], channels[1], channels[2]);
            using var luminance = new Mat();
            Cv2.AddWeighted(r, 0.299, g, 0.587, 0, luminance);
            Cv2.ScaleAdd(b, 0.114, luminance, luminance);
            using var white = PaperWhite(luminance);
            using var max = new Mat();
            using var min = new Mat();
            Cv2.Max(r, g, max);
            Cv2.Max(max, b, max);
            Cv2.Min(r, g, min);
            Cv2.Min(min, b, min);

            var darkness = new Mat();
            Cv2.Divide(luminance, white, darkness);
            Cv2.Subtract(new Scalar(1), darkness, darkness);
            Cv2.Max(darkness, 0, darkness);
            Cv2.Min(darkness, 1, darkness);

            using var chroma = new Mat();
            Cv2.Subtract(max, min, chroma);
            Cv2.Divide(chroma, white, chroma);
            var blackness = new Mat();
            Cv2.ScaleAdd(chroma, -1.5, darkness, blackness);
            Cv2.Max(blackness, 0, blackness);

            var thinLines = new Mat();
            using (var kernel = Cv2.GetStructuringElement(MorphShapes.Rect, new Size(5, 5)))
                Cv2.MorphologyEx(luminance, thinLines, MorphTypes.BlackHat, kernel);
            Cv2.Divide(thinLines, white, thinLines);
            return new InkMaps(darkness, blackness, thinLines, scale);
        }
        finally
        {
            foreach (var c in channels) c.Dispose();
        }
    }

    /// <summary>The paper's own brightness at every pixel: the brightest nearby pixel, smoothed, so gradients and shadows divide out.</summary>
    private static Mat PaperWhite(Mat luminance)
    {
        var k = Math.Max(7, Math.Min(luminance.Width, luminance.Height) / 60) | 1;
        var white = new Mat();
        using var kernel = Cv2.GetStructuringElement(MorphShapes.Rect, new Size(k, k));
        Cv2.Dilate(luminance, white, kernel);
        Cv2.GaussianBlur(white, white, new Size(0, 0), k);
        Cv2.Max(white, 0.05, white);
        return white;
    }

    private static SKBitmap ToRgba(SKBitmap image) =>
        image.Copy(SKColorType.Rgba8888) ?? throw new ArgumentException($"a {image.ColorType} bitmap cannot be converted to RGBA", nameof(image));

    public static float[] ToArray(Mat m)
    {
        var data = new float[m.Width * m.Height];
        using var continuous = m.Clone(); // a clone is always continuous
        System.Runtime.InteropServices.Marshal.Copy(continuous.Data, data, 0, data.Length);
        return data;
    }

    public void Dispose()
    {
        Darkness.Dispose();
        Blackness.Dispose();
        ThinLines.Dispose();
    }
}
