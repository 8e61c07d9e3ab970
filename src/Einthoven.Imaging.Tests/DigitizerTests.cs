using Einthoven.Imaging.Degradation;
using Einthoven.Imaging.Digitizing;
using Einthoven.Imaging.Paper;
using Einthoven.Signal.Records;
using SkiaSharp;

namespace Einthoven.Imaging.Tests;

/// <summary>The digitiser reads back real PTB-XL fold-9 records printed and degraded by the generator, and refuses bad photos with the reason.</summary>
public class DigitizerTests
{
    private static readonly Lazy<EcgRecord> Record = new(Pages.FirstFold9Record);

    /// <summary>Pearson correlation of each printed lead with the record over the stretch where it was printed, shifted by <paramref name="shiftSeconds"/>.</summary>
    private static Dictionary<string, double> Correlations(DigitizedEcg digitized, EcgRecord truth, double shiftSeconds = 0)
    {
        var result = new Dictionary<string, double>();
        var fs = digitized.Record.Info.SamplingFrequency;
        foreach (var lead in digitized.Leads)
        {
            var got = digitized.Record.Physical(digitized.Record.Info.LeadIndex(lead.Lead));
            var expected = truth.Physical(truth.Info.LeadIndex(lead.Lead));
            var pairs = new List<(double X, double Y)>();
            for (var n = (int)(lead.StartSeconds * fs); n < (int)((lead.StartSeconds + lead.DurationSeconds) * fs); n++)
            {
                var t = n / fs + shiftSeconds;
                var k = (int)Math.Round(t * truth.Info.SamplingFrequency);
                if (k >= 0 && k < expected.Length) pairs.Add((got[n], expected[k]));
            }
            var (mx, my) = (pairs.Average(p => p.X), pairs.Average(p => p.Y));
            var cov = pairs.Sum(p => (p.X - mx) * (p.Y - my));
            result[lead.Lead] = cov / Math.Sqrt(pairs.Sum(p => (p.X - mx) * (p.X - mx)) * pairs.Sum(p => (p.Y - my) * (p.Y - my)));
        }
        return result;
    }

    private static DigitizedEcg Digitize(RenderedPaper page, string level, int seed, double rate = 100)
    {
        using var photo = PaperDegradation.Apply(page, DegradationOptions.Named(level), seed);
        using var data = PaperImages.Encode(photo.Bitmap, level == "clean" ? PaperImageFormat.Png : PaperImageFormat.Jpeg, 85);
        return PaperDigitizer.Digitize(data, $"{level}-{seed}", new DigitizeOptions { SamplingRate = rate });
    }

    [Theory]
    [InlineData(PaperLayout.ThreeByFour, "3x4+1", GridColour.Red, "clean")]
    [InlineData(PaperLayout.ThreeByFour, "3x4+1", GridColour.Grey, "scan")]
    [InlineData(PaperLayout.SixByTwo, "6x2", GridColour.Green, "scan")]
    [InlineData(PaperLayout.TwelveByOne, "12x1", GridColour.Blue, "clean")]
    public void A_printed_fold_9_record_is_read_back_lead_by_lead(PaperLayout layout, string label, GridColour grid, string level)
    {
        using var page = PaperEcgRenderer.Render(Record.Value, new PaperOptions { Layout = layout, Grid = grid, PxPerMm = 6 });
        var digitized = Digitize(page, level, seed: 29);

        Assert.Equal(label, digitized.Layout.Layout);
        Assert.Equal(10, digitized.Layout.MmPerMv);
        Assert.True(digitized.Layout.CalibrationPulseFound);
        Assert.Equal(Pages.TwelveLeads, digitized.Leads.Select(l => l.Lead));
        Assert.All(digitized.Leads, l => Assert.InRange(l.Confidence, 0.9, 1));
        var correlations = Correlations(digitized, Record.Value);
        Assert.True(correlations.Values.Average() > 0.85, string.Join(", ", correlations.Select(c => $"{c.Key} {c.Value:0.00}")));
        Assert.True(correlations.Values.Min() > 0.6, string.Join(", ", correlations.Select(c => $"{c.Key} {c.Value:0.00}")));
        // The same comparison 60 ms off in time fails: the agreement above is the trace's, not any ECG's.
        Assert.True(Correlations(digitized, Record.Value, 0.06).Values.Average() < 0.6);
    }

    [Fact]
    public void The_scale_comes_from_the_grid_and_the_rate_is_the_one_asked_for()
    {
        using var page = PaperEcgRenderer.Render(Record.Value, new PaperOptions { PxPerMm = 5 });
        var digitized = Digitize(page, "clean", seed: 1, rate: 500);
        Assert.InRange(digitized.Layout.PxPerMm, 4.95, 5.05);
        Assert.Equal(500, digitized.Record.Info.SamplingFrequency);
        Assert.Equal(5000, digitized.Record.Info.SampleCount);
        Assert.Equal("mV", digitized.Record.Info.Leads[0].Unit);
        // In 3x4 the limb leads are printed for 2.5 s each and lead II for all 10 s (the rhythm strip).
        Assert.Equal((2.5, 2.5), digitized.Leads.Single(l => l.Lead == "aVR") is var avr ? (avr.StartSeconds, avr.DurationSeconds) : default);
        Assert.Equal(10, digitized.Leads.Single(l => l.Lead == "II").DurationSeconds);
        Assert.Equal(0, digitized.Record.Samples[digitized.Record.Info.LeadIndex("aVR")][100]); // 0.2 s: aVR was not printed then
    }

    [Fact]
    public void The_overlay_puts_each_trace_where_the_photo_shows_it()
    {
        using var page = PaperEcgRenderer.Render(Record.Value, new PaperOptions { PxPerMm = 6 });
        using var photo = PaperDegradation.Apply(page, DegradationOptions.ScanLike, 7);
        var digitized = PaperDigitizer.Digitize(photo.Bitmap, new DigitizeOptions { SamplingRate = 100 });
        var lum = new Luminance(photo.Bitmap);
        foreach (var trace in digitized.Overlay.Traces)
        {
            var points = Enumerable.Range(0, trace.Points.Length / 2).Select(i => (X: trace.Points[2 * i], Y: trace.Points[2 * i + 1])).ToArray();
            Assert.True(points.Length > 100, trace.Lead);
            var onInk = points.Count(p => lum.Around(p.X, p.Y) < 190) / (double)points.Length;
            Assert.True(onInk > 0.8, $"{trace.Lead}: {onInk:P0} of the overlay on dark pixels");
        }
        // The grid's corners map inside the photo.
        var (x, y) = digitized.Overlay.ToImage(digitized.Overlay.GridLeftMm, digitized.Overlay.GridTopMm);
        Assert.InRange(x, 0, photo.Bitmap.Width);
        Assert.InRange(y, 0, photo.Bitmap.Height);
    }

    [Fact]
    public void A_phone_photo_is_read_or_refused_never_made_up()
    {
        using var page = PaperEcgRenderer.Render(Record.Value, new PaperOptions { PxPerMm = 6 });
        try
        {
            var digitized = Digitize(page, "phone", seed: 8);
            Assert.True(digitized.Confidence >= PaperDigitizer.MinConfidence);
            Assert.True(Correlations(digitized, Record.Value).Values.Average() > 0.7);
        }
        catch (DigitizeException e)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Advice));
        }
    }

    [Fact]
    public void Random_noise_is_not_an_ecg()
    {
        using var noise = new SKBitmap(new SKImageInfo(800, 600, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var random = new Random(3);
        for (var y = 0; y < noise.Height; y++)
        for (var x = 0; x < noise.Width; x++)
        {
            var v = (byte)random.Next(256);
            noise.SetPixel(x, y, new SKColor(v, (byte)random.Next(256), v));
        }
        var e = Assert.Throws<DigitizeException>(() => PaperDigitizer.Digitize(noise));
        Assert.True(e.Problem is DigitizeProblem.NotAnEcg or DigitizeProblem.GridNotFound, $"{e.Problem}: {e.Message}");
    }

    [Fact]
    public void A_blank_page_is_not_an_ecg()
    {
        using var blank = new SKBitmap(new SKImageInfo(1200, 800, SKColorType.Rgba8888, SKAlphaType.Opaque));
        blank.Erase(SKColors.White);
        var e = Assert.Throws<DigitizeException>(() => PaperDigitizer.Digitize(blank));
        Assert.Equal(DigitizeProblem.NotAnEcg, e.Problem);
        Assert.Contains("printed", e.Advice);
    }

    [Fact]
    public void A_print_without_a_grid_is_refused_for_want_of_a_scale()
    {
        using var page = PaperEcgRenderer.Render(Record.Value, new PaperOptions { Grid = GridColour.None, PxPerMm = 6 });
        var e = Assert.Throws<DigitizeException>(() => PaperDigitizer.Digitize(page.Bitmap));
        Assert.Equal(DigitizeProblem.GridNotFound, e.Problem);
    }

    [Fact]
    public void A_blurred_photo_is_refused_as_blurred()
    {
        using var page = PaperEcgRenderer.Render(Record.Value, new PaperOptions { PxPerMm = 6 });
        using var blurred = new SKBitmap(page.Bitmap.Info);
        using (var canvas = new SKCanvas(blurred))
        using (var paint = new SKPaint { ImageFilter = SKImageFilter.CreateBlur(12, 12) })
        {
            canvas.Clear(SKColors.White);
            canvas.DrawImage(SKImage.FromBitmap(page.Bitmap), 0, 0, new SKSamplingOptions(SKFilterMode.Linear), paint);
        }
        var e = Assert.Throws<DigitizeException>(() => PaperDigitizer.Digitize(blurred));
        Assert.Equal(DigitizeProblem.TooBlurred, e.Problem);
        Assert.Contains("still", e.Advice);
    }

    [Fact]
    public void A_coarse_phone_photo_whose_1_mm_lines_blur_into_halfway_lines_is_read_at_its_true_scale()
    {
        // The docs' example (PTB-XL 00008_lr, 4 px/mm, phone level, seed 29): the 1 mm lines blur into faint lines
        // halfway between the 5 mm ones, once counted as 1 mm apart (a scale 2.3 times too large, refused as cropped).
        using var page = PaperEcgRenderer.Render(Record.Value, new PaperOptions { PxPerMm = 4, Recorded = new DateTime(1984, 12, 1, 14, 49, 52) });
        using var photo = PaperDegradation.Apply(page, DegradationOptions.PhoneLike, 29);
        using var data = PaperImages.Encode(photo.Bitmap, PaperImageFormat.Jpeg, 80);
        var digitized = PaperDigitizer.Digitize(data, "docs-example");
        Assert.Equal(12, digitized.Leads.Count);
        var correlations = Correlations(digitized, Record.Value);
        Assert.True(correlations["II"] > 0.8, string.Join(", ", correlations.Select(c => $"{c.Key} {c.Value:F2}")));
    }

    [Fact]
    public void A_page_cut_at_the_right_is_refused_as_cropped()
    {
        using var page = PaperEcgRenderer.Render(Record.Value, new PaperOptions { PxPerMm = 6 });
        using var cut = new SKBitmap(new SKImageInfo(page.Bitmap.Width * 3 / 4, page.Bitmap.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        page.Bitmap.ExtractSubset(cut, new SKRectI(0, 0, cut.Width, cut.Height));
        using var copy = cut.Copy();
        var e = Assert.Throws<DigitizeException>(() => PaperDigitizer.Digitize(copy));
        Assert.Equal(DigitizeProblem.Cropped, e.Problem);
        Assert.Contains("right", e.Message);
    }

    [Fact]
    public void Damaged_image_bytes_fail_with_a_format_or_digitising_error_only()
    {
        using var page = PaperEcgRenderer.Render(Record.Value, new PaperOptions { PxPerMm = 4 });
        var original = PaperImages.Encode(page.Bitmap, PaperImageFormat.Jpeg, 80).ToArray();
        var random = new Random(11);
        for (var trial = 0; trial < 6; trial++)
        {
            var bytes = (byte[])original.Clone();
            for (var i = 0; i < 20; i++) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            if (trial % 2 == 1) Array.Resize(ref bytes, random.Next(10, bytes.Length));
            using var data = SKData.CreateCopy(bytes);
            try
            {
                var digitized = PaperDigitizer.Digitize(data, "damaged.jpg");
                Assert.True(digitized.Confidence >= PaperDigitizer.MinConfidence);
            }
            catch (Exception e) when (e is DigitizeException or Einthoven.Signal.Records.SignalFormatException)
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Message));
            }
        }
    }
}
