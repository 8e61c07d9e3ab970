using Einthoven.Imaging.Degradation;
using Einthoven.Imaging.Paper;
using Einthoven.Signal.Records;
using Einthoven.TestSupport;

namespace Einthoven.Imaging.Tests;

/// <summary>Real PTB-XL fold-9 records (../shared/data/ptbxl/records100) print in every layout, their traces where the truth says.</summary>
public class PtbXlPageTests
{
    private static readonly Lazy<EcgRecord> Record = new(Pages.FirstFold9Record);

    /// <summary>Share of the panels' columns with a dark pixel within 1 px of the true trace, moved by <paramref name="offsetMv"/>.</summary>
    private static double TraceHits(RenderedPaper page, EcgRecord record, double offsetMv)
    {
        var lum = new Luminance(page.Bitmap);
        var fs = record.Info.SamplingFrequency;
        int columns = 0, hits = 0;
        foreach (var panel in page.Truth.Panels)
        {
            var signal = record.Physical(record.Info.LeadIndex(panel.Lead));
            for (var x = (int)Math.Ceiling(panel.X0 + 12 * page.Truth.Options.PxPerMm); x < panel.EndX - 1; x++)
            {
                var index = (panel.StartSeconds + (x - panel.X0) / panel.PxPerSecond) * fs;
                var k = (int)index;
                if (k + 1 >= signal.Length) break;
                var y = panel.Y(signal[k] + (signal[k + 1] - signal[k]) * (index - k) + offsetMv);
                var iy = (int)Math.Round(y);
                columns++;
                if (Math.Min(lum[x, iy], Math.Min(lum[x, iy - 1], lum[x, iy + 1])) < 160) hits++;
            }
        }
        return (double)hits / columns;
    }

    [Theory]
    [InlineData(PaperLayout.ThreeByFour, 13)]
    [InlineData(PaperLayout.SixByTwo, 12)]
    [InlineData(PaperLayout.TwelveByOne, 12)]
    public void A_fold_9_record_prints_in_every_layout(PaperLayout layout, int panels)
    {
        var record = Record.Value;
        Assert.Equal(100, record.Info.SamplingFrequency);
        using var page = PaperEcgRenderer.Render(record, new PaperOptions { PxPerMm = 4, Layout = layout });
        Assert.Equal((1188, 840), (page.Bitmap.Width, page.Bitmap.Height));
        Assert.Equal(panels, page.Truth.Panels.Count);
        Assert.All(page.Truth.Panels, p => Assert.Equal(100, p.PxPerSecond, 9));
        Assert.All(page.Truth.Panels, p => Assert.Equal(40, p.PxPerMv, 9));
        Assert.True(TraceHits(page, record, 0) > 0.98, $"{TraceHits(page, record, 0):P1} of columns on the trace");
        Assert.True(TraceHits(page, record, 0.5) < 0.5, "a trace 5 mm off would also pass: the check is too loose");
    }

    [Fact]
    public void The_three_by_four_page_shows_the_standard_time_windows()
    {
        using var page = PaperEcgRenderer.Render(Record.Value, new PaperOptions { StartSeconds = 0 });
        var v4 = page.Truth.Panels.Single(p => p.Lead == "V4");
        Assert.Equal((7.5, 2.5, 3), (v4.StartSeconds, v4.DurationSeconds, v4.Column));
        var rhythm = page.Truth.Panels.Single(p => p is { Lead: "II", Row: 3 });
        Assert.Equal(10, rhythm.DurationSeconds);
        Assert.Equal(v4.EndX, rhythm.EndX, 6);
    }

    [Fact]
    public void Example_page_for_the_docs_is_a_small_phone_photo()
    {
        var path = Pages.PtbXlFold9().First();
        using var page = PaperEcgRenderer.Render(Record.Value, new PaperOptions { PxPerMm = 4, Recorded = new DateTime(1984, 12, 1, 14, 49, 52) });
        using var photo = PaperDegradation.Apply(page, DegradationOptions.PhoneLike, 29);
        var file = Path.Combine(TestData.TempDir(), "ptbxl-fold9-3x4-phone.jpg");
        PaperImages.Save(photo.Bitmap, file, 80);
        Assert.InRange(new FileInfo(file).Length, 20_000, 300_000);
        Assert.EndsWith("00008_lr", path);
        // EINTHOVEN_WRITE_DOCS=1 refreshes docs/images/ with it.
        if (Environment.GetEnvironmentVariable("EINTHOVEN_WRITE_DOCS") == "1")
            File.Copy(file, Path.Combine(TestData.RepoRoot, "docs", "images", "paper-ecg-phone.jpg"), overwrite: true);
    }
}
