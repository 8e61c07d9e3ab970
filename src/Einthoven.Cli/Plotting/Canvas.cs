namespace Einthoven.Cli.Plotting;

/// <summary>An RGB raster with anti-aliased thick lines and bitmap text, for PNG output.</summary>
internal sealed class Canvas
{
    private readonly byte[] _pixels;

    public Canvas(int width, int height)
    {
        if (width <= 0 || height <= 0 || (long)width * height > 100_000_000)
            throw new CliUsageException($"a {width} x {height} pixel image is too large; plot a shorter window or fewer leads");
        Width = width;
        Height = height;
        _pixels = new byte[width * height * 3];
        Array.Fill(_pixels, (byte)255);
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>Rows of RGB bytes, top to bottom.</summary>
    public ReadOnlySpan<byte> Row(int y) => _pixels.AsSpan(y * Width * 3, Width * 3);

    public Rgb Pixel(int x, int y) => new(_pixels[(y * Width + x) * 3], _pixels[(y * Width + x) * 3 + 1], _pixels[(y * Width + x) * 3 + 2]);

    /// <summary>A line of the given width in pixels; coverage of each pixel is its distance to the segment.</summary>
    public void Line(double x1, double y1, double x2, double y2, double width, Rgb colour)
    {
        var r = Math.Max(0.5, width / 2);
        int minX = (int)Math.Floor(Math.Min(x1, x2) - r - 1), maxX = (int)Math.Ceiling(Math.Max(x1, x2) + r + 1);
        int minY = (int)Math.Floor(Math.Min(y1, y2) - r - 1), maxY = (int)Math.Ceiling(Math.Max(y1, y2) + r + 1);
        double dx = x2 - x1, dy = y2 - y1, len2 = dx * dx + dy * dy;
        for (var y = Math.Max(0, minY); y <= Math.Min(Height - 1, maxY); y++)
            for (var x = Math.Max(0, minX); x <= Math.Min(Width - 1, maxX); x++)
            {
                double px = x + 0.5 - x1, py = y + 0.5 - y1;
                var t = len2 == 0 ? 0 : Math.Clamp((px * dx + py * dy) / len2, 0, 1);
                double ex = px - t * dx, ey = py - t * dy;
                var coverage = Math.Clamp(r + 0.5 - Math.Sqrt(ex * ex + ey * ey), 0, 1);
                if (coverage > 0) Blend(x, y, colour, coverage);
            }
    }

    /// <summary>Text with its baseline at (x, y); <paramref name="capHeight"/> in pixels.</summary>
    public void Text(double x, double y, double capHeight, string text, Rgb colour)
    {
        foreach (var c in text)
        {
            var (rows, small) = BitmapFont.Glyph(c);
            var cell = (small ? 0.72 : 1) * capHeight / BitmapFont.Height;
            for (var row = 0; row < BitmapFont.Height; row++)
                for (var col = 0; col < BitmapFont.Width; col++)
                    if ((rows[row] & (1 << (BitmapFont.Width - 1 - col))) != 0)
                        Fill(x + col * cell, y - (BitmapFont.Height - row) * cell, cell, colour);
            x += (BitmapFont.Width + 1) * cell;
        }
    }

    private void Fill(double x, double y, double size, Rgb colour)
    {
        for (var py = (int)Math.Floor(y); py < Math.Ceiling(y + size); py++)
            for (var px = (int)Math.Floor(x); px < Math.Ceiling(x + size); px++)
                if (px >= 0 && py >= 0 && px < Width && py < Height) Blend(px, py, colour, 1);
    }

    private void Blend(int x, int y, Rgb c, double alpha)
    {
        var i = (y * Width + x) * 3;
        _pixels[i] = (byte)Math.Round(_pixels[i] + (c.R - _pixels[i]) * alpha);
        _pixels[i + 1] = (byte)Math.Round(_pixels[i + 1] + (c.G - _pixels[i + 1]) * alpha);
        _pixels[i + 2] = (byte)Math.Round(_pixels[i + 2] + (c.B - _pixels[i + 2]) * alpha);
    }
}
