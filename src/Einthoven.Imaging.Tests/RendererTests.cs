using Einthoven.Imaging.Paper;
using SkiaSharp;

namespace Einthoven.Imaging.Tests;

public class RendererTests
{
    [Fact]
    public void SkiaSharp_native_library_and_DejaVu_load_here()
    {
        using var bitmap = new SKBitmap(new SKImageInfo(4, 4, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap)) canvas.Clear(new SKColor(10, 20, 30));
        Assert.Equal(new SKColor(10, 20, 30), bitmap.GetPixel(2, 2));
        using var font = PaperFonts.Load();
        Assert.Contains("DejaVu", font.FamilyName);
        Assert.Throws<FileNotFoundException>(() => PaperFonts.Load("/no/such/font.ttf"));
    }

    [Theory]
    [InlineData(100.0, 4.0)]
    [InlineData(500.0, 4.0)] // more samples than pixel columns: each column's extremes are drawn
    [InlineData(100.0, 6.5)]
    public void Trace_lies_where_the_truth_says(double fs, double pxPerMm)
    {
        var record = Pages.Synthetic(Pages.Sine, fs);
        // No grid: every pixel darker than the paper belongs to the trace, so its centre is exact.
        using var page = PaperEcgRenderer.Render(record, new PaperOptions { PxPerMm = pxPerMm, Grid = GridColour.None });
        var lum = new Luminance(page.Bitmap);
        var checkedColumns = 0;
        foreach (var panel in page.Truth.Panels)
        {
            var lead = Array.IndexOf(Pages.TwelveLeads, panel.Lead);
            // Skip the label (first 15 mm) and the panel's ends.
            for (var x = (int)Math.Ceiling(panel.X0 + 15 * pxPerMm); x < panel.EndX - 2 * pxPerMm; x++)
            {
                // Pixel (x, y) covers [x, x+1) x [y, y+1): compare at its centre.
                var t = panel.StartSeconds + (x + 0.5 - panel.X0) / panel.PxPerSecond;
                var expected = panel.Y(Pages.Sine(lead, t)) - 0.5;
                var centre = lum.DarkCentre(x, (int)expected - 8, (int)expected + 8, threshold: 250);
                Assert.True(centre is not null, $"{panel.Lead} row {panel.Row}: no trace at x={x}");
                Assert.True(Math.Abs(centre!.Value - expected) <= 1, $"{panel.Lead} row {panel.Row} x={x}: trace at {centre:0.00}, truth {expected:0.00}");
                checkedColumns++;
            }
        }
        Assert.True(checkedColumns > 700 * pxPerMm, $"{checkedColumns} columns checked");
    }

    [Fact]
    public void Flat_stretches_of_a_square_wave_print_on_their_level()
    {
        double Square(int lead, double t) => (int)Math.Floor(t * 2) % 2 == 0 ? 0.5 : -0.5;
        using var page = PaperEcgRenderer.Render(Pages.Synthetic(Square, 500), new PaperOptions { PxPerMm = 5, Layout = PaperLayout.SixByTwo });
        var lum = new Luminance(page.Bitmap);
        foreach (var panel in page.Truth.Panels)
            for (var t = panel.StartSeconds + 0.6; t < panel.StartSeconds + panel.DurationSeconds - 0.1; t += 0.5)
            {
                var x = (int)Math.Round(panel.X(t + 0.25)); // the middle of a half-second level
                var expected = panel.Y(Square(0, t + 0.25)) - 0.5; // pixel centres are at +0.5
                var centre = lum.DarkCentre(x, (int)expected - 6, (int)expected + 6);
                Assert.NotNull(centre);
                Assert.InRange(centre!.Value, expected - 1, expected + 1);
            }
    }

    [Theory]
    [InlineData(4.0)]
    [InlineData(7.0)]
    public void Calibration_pulse_is_ten_millimetres_tall_at_ten_mm_per_mV(double pxPerMm)
    {
        using var page = PaperEcgRenderer.Render(Pages.Synthetic((_, _) => 0), new PaperOptions { PxPerMm = pxPerMm, Grid = GridColour.Grey });
        var lum = new Luminance(page.Bitmap);
        Assert.Equal(4, page.Truth.Calibrations.Count);
        foreach (var pulse in page.Truth.Calibrations)
        {
            Assert.Equal(10 * pxPerMm, pulse.HeightPx, 9);
            Assert.Equal(5 * pxPerMm, pulse.WidthPx, 9); // 200 ms at 25 mm/s
            var topX = (int)Math.Round(pulse.X + pulse.WidthPx / 2);
            // Both centres are pixel indices, so their difference is the pulse's height.
            var top = lum.DarkCentre(topX, (int)(pulse.BaselineY - pulse.HeightPx - 6), (int)(pulse.BaselineY - pulse.HeightPx + 6));
            var baseX = (int)Math.Round(pulse.X - 1 * pxPerMm);
            var bottom = lum.DarkCentre(baseX, (int)pulse.BaselineY - 6, (int)pulse.BaselineY + 6);
            Assert.NotNull(top);
            Assert.NotNull(bottom);
            Assert.InRange(bottom!.Value - top!.Value, 10 * pxPerMm - 1, 10 * pxPerMm + 1);
            // The pulse's rising edge is dark all the way up.
            var edge = (int)Math.Round(pulse.X);
            for (var y = (int)(pulse.BaselineY - pulse.HeightPx + 2); y < pulse.BaselineY - 2; y++)
                Assert.True(Math.Min(lum[edge, y], Math.Min(lum[edge - 1, y], lum[edge + 1, y])) < 140, $"edge gap at y={y}");
        }
    }

    [Theory]
    [InlineData(5.0, GridColour.Red)]
    [InlineData(4.0, GridColour.Grey)]
    [InlineData(6.0, GridColour.Green)]
    [InlineData(3.5, GridColour.Blue)]
    public void Grid_pitch_in_pixels_equals_px_per_mm(double pxPerMm, GridColour colour)
    {
        using var page = PaperEcgRenderer.Render(Pages.Synthetic((_, _) => 0), new PaperOptions { PxPerMm = pxPerMm, Grid = colour });
        var lum = new Luminance(page.Bitmap);
        // Half a millimetre into the grid, above the first row's traces and left of the calibration pulses.
        var y = (int)Math.Round(20.5 * pxPerMm);
        var x = (int)Math.Round(5.5 * pxPerMm);
        var across = LineCentres(Enumerable.Range(0, lum.Width).Select(i => lum[i, y]).ToArray());
        var down = LineCentres(Enumerable.Range(0, lum.Height).Select(j => lum[x, j]).ToArray());
        foreach (var lines in new[] { across, down })
        {
            Assert.True(lines.Count > 150, $"{lines.Count} grid lines");
            var gaps = lines.Zip(lines.Skip(1), (a, b) => b - a).ToArray();
            Assert.All(gaps, g => Assert.InRange(g, pxPerMm - 0.5, pxPerMm + 0.5));
            Assert.Equal(pxPerMm, (lines[^1] - lines[0]) / (lines.Count - 1), 2);
        }
        var px = page.Bitmap.GetPixel((int)Math.Round(5 * pxPerMm + 25 * pxPerMm), y);
        Assert.Equal(colour == GridColour.Red, px.Red > px.Blue + 40);
        Assert.Equal(colour == GridColour.Blue, px.Blue > px.Red + 40);
    }

    [Fact]
    public void No_grid_leaves_plain_paper()
    {
        using var page = PaperEcgRenderer.Render(Pages.Synthetic((_, _) => 0), new PaperOptions { Grid = GridColour.None });
        var lum = new Luminance(page.Bitmap);
        var y = (int)Math.Round(20.5 * 4);
        Assert.All(Enumerable.Range(0, lum.Width), i => Assert.Equal(255, lum[i, y], 0));
    }

    /// <summary>Centres of the runs of pixels darker than the paper along a scanline, weighted by darkness.</summary>
    private static List<double> LineCentres(double[] scan)
    {
        var centres = new List<double>();
        double weight = 0, sum = 0;
        for (var i = 0; i <= scan.Length; i++)
        {
            var d = i < scan.Length ? 252 - scan[i] : 0;
            if (d > 0) { weight += d; sum += d * i; continue; }
            if (weight > 0) centres.Add(sum / weight);
            (weight, sum) = (0, 0);
        }
        return centres;
    }

    [Fact]
    public void Layouts_place_every_lead()
    {
        var three = PaperLayouts.Slots(PaperLayout.ThreeByFour);
        Assert.Equal(13, three.Count);
        Assert.Equal(["I", "aVR", "V1", "V4"], three.Where(s => s.Row == 0).Select(s => s.Lead));
        Assert.Equal(["III", "aVF", "V3", "V6"], three.Where(s => s.Row == 2).Select(s => s.Lead));
        Assert.Equal(new LeadSlot("II", 3, 0, 0, 10), three[^1]);
        Assert.All(three.Take(12), s => Assert.Equal(2.5, s.DurationSeconds));
        Assert.Equal(Pages.TwelveLeads.Order(), PaperLayouts.Slots(PaperLayout.SixByTwo).Select(s => s.Lead).Order());
        Assert.Equal(Pages.TwelveLeads, PaperLayouts.Slots(PaperLayout.TwelveByOne).Select(s => s.Lead));
    }

    [Fact]
    public void A_record_without_the_twelve_leads_is_refused_naming_the_lead()
    {
        var record = Pages.Synthetic(Pages.Sine, leads: ["I", "II", "III"]);
        var e = Assert.Throws<ArgumentException>(() => PaperEcgRenderer.Render(record));
        Assert.Contains("no lead aVR", e.Message);
        Assert.Throws<ArgumentException>(() => PaperEcgRenderer.Render(Pages.Synthetic(Pages.Sine), new PaperOptions { PxPerMm = 1000 }));
        Assert.Throws<ArgumentException>(() => PaperEcgRenderer.Render(Pages.Synthetic(Pages.Sine), new PaperOptions { SpeedMmPerSecond = 50 }));
    }
}
