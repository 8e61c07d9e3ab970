using Einthoven.Imaging.Degradation;
using Einthoven.Imaging.Paper;
using SkiaSharp;

namespace Einthoven.Imaging.Tests;

public class DegradationTests
{
    // A slow, small wave keeps the trace well apart from the points 4 mm above it that serve as paper.
    private static double Slow(int lead, double t) => 0.5 * Math.Sin(Math.PI * t + lead);

    private static readonly Lazy<RenderedPaper> Page = new(() =>
        PaperEcgRenderer.Render(Pages.Synthetic(Slow), new PaperOptions { PxPerMm = 4 }));


    [Fact]
    public void Clean_level_changes_nothing()
    {
        using var clean = PaperDegradation.Apply(Page.Value, DegradationOptions.Clean, 1);
        Assert.Equal(Pages.Bytes(Page.Value.Bitmap), Pages.Bytes(clean.Bitmap));
        var (x, y) = clean.Truth.PageToImage.Map(123.5, 456.25);
        Assert.Equal(123.5, x, 9);
        Assert.Equal(456.25, y, 9);
    }

    [Theory]
    [InlineData("scan")]
    [InlineData("phone")]
    public void Degradation_is_deterministic_per_seed(string level)
    {
        var options = DegradationOptions.Named(level);
        using var a = PaperDegradation.Apply(Page.Value, options, 7);
        using var b = PaperDegradation.Apply(Page.Value, options, 7);
        using var c = PaperDegradation.Apply(Page.Value, options, 8);
        Assert.Equal(Pages.Bytes(a.Bitmap), Pages.Bytes(b.Bitmap));
        Assert.Equal(a.Truth.PageToImage.Entries, b.Truth.PageToImage.Entries);
        Assert.NotEqual(Pages.Bytes(a.Bitmap), Pages.Bytes(c.Bitmap));
        Assert.NotEqual(a.Truth.PageToImage.Entries, c.Truth.PageToImage.Entries);
        Assert.NotEqual(Pages.Bytes(Page.Value.Bitmap), Pages.Bytes(a.Bitmap));
    }

    [Theory]
    [InlineData("scan", 1)]
    [InlineData("scan", 2)]
    [InlineData("phone", 1)]
    [InlineData("phone", 2)]
    [InlineData("phone", 3)]
    public void Homography_takes_the_true_trace_onto_the_degraded_trace(string level, int seed)
    {
        var options = DegradationOptions.Named(level);
        using var degraded = PaperDegradation.Apply(Page.Value, options, seed);
        var truth = degraded.Truth;
        Assert.InRange(truth.UnmodelledDisplacementPx, 0, options.Creases * options.CreaseShiftMm * 4 + 1e-9);
        var lum = new Luminance(degraded.Bitmap);
        int points = 0, darker = 0;
        double contrast = 0;
        foreach (var panel in truth.Panels)
        {
            var lead = Array.IndexOf(Pages.TwelveLeads, panel.Lead);
            for (var t = panel.StartSeconds + 0.6; t < panel.StartSeconds + panel.DurationSeconds - 0.05; t += 0.05)
            {
                var v = Slow(lead, t);
                var (x, y) = truth.TracePoint(panel, t, v);
                var (px, py) = truth.TracePoint(panel, t, v + 0.4);
                var (trace, paper) = (lum.Around(x, y), lum.Around(px, py));
                points++;
                contrast += paper - trace;
                if (trace < paper - 25) darker++;
            }
        }
        Assert.True(points > 600, $"{points} points");
        Assert.True(contrast / points > 35, $"mean contrast {contrast / points:0.0} grey levels");
        Assert.True(darker >= 0.93 * points, $"{darker} of {points} mapped trace points are darker than the paper beside them");
    }

    [Fact]
    public void Phone_level_moves_the_page_into_a_smaller_tilted_quadrilateral()
    {
        using var photo = PaperDegradation.Apply(Page.Value, DegradationOptions.PhoneLike, 5);
        var corners = photo.Truth.PageCorners();
        Assert.All(corners, c =>
        {
            Assert.InRange(c.X, -0.5, photo.Bitmap.Width + 0.5);
            Assert.InRange(c.Y, -0.5, photo.Bitmap.Height + 0.5);
        });
        var top = Math.Atan2(corners[1].Y - corners[0].Y, corners[1].X - corners[0].X) * 180 / Math.PI;
        var bottom = Math.Atan2(corners[2].Y - corners[3].Y, corners[2].X - corners[3].X) * 180 / Math.PI;
        Assert.InRange(Math.Abs(top), 0, 8 + 4); // rotation plus what perspective adds
        Assert.NotEqual(top, bottom, 3); // perspective: opposite edges are no longer parallel
    }
}
