using System.Globalization;
using Einthoven.Server.BrowserTests.Hosting;
using Einthoven.Signal.Formats;
using Einthoven.TestSupport;
using Microsoft.Playwright;

namespace Einthoven.Server.BrowserTests;

/// <summary>
/// A patient registers, uploads an MIT-BIH record (after two refused uploads), sees its analysis (the model's rhythm
/// verdict and beats by class) and the beats coloured by class, pans and zooms, crops 10 s, switches the paper to 50 mm/s and measures an RR interval with the
/// calipers; on a desktop with the mouse and on a phone with touch.
/// </summary>
[Collection("browser")]
public sealed class PatientJourneyTests(BrowserFixture fixture)
{
    private const string Record = "208"; // many ventricular and fusion beats: several colours on the first screen
    private static readonly double CssPxPerMm = 96 / 25.4;

    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task Patient_uploads_views_crops_and_measures(string deviceName)
    {
        await using var tab = await fixture.OpenAsync(BrowserFixture.DeviceNamed(deviceName));
        var page = tab.Page;
        await People.RegisterAsync(tab, People.New("patient"));

        // Refused uploads say why: a signal file without its header, and a file that is not a recording.
        await People.DropAsync(tab, [Path.Combine(TestData.MitDb, $"{Record}.dat")]);
        await Assertions.Expect(page.Locator(".upload-status .message.error")).ToContainTextAsync("needs its header");
        var junk = Path.Combine(TestData.TempDir(), "junk.edf");
        await File.WriteAllTextAsync(junk, "this is not an EDF file");
        tab.ExpectConsoleError("status of 400");
        await People.DropAsync(tab, [junk]);
        await Assertions.Expect(page.Locator(".upload-status .message.error")).ToContainTextAsync("junk.edf");

        await People.DropAsync(tab, new[] { "hea", "dat", "atr" }.Select(e => Path.Combine(TestData.MitDb, $"{Record}.{e}")).ToArray());
        await Assertions.Expect(page.Locator(".upload-status .message.success")).ToContainTextAsync(Record, new() { Timeout = Waits.Analysis });
        await Assertions.Expect(page.Locator(".recording .name")).ToHaveTextAsync(Record);
        await page.ClickAsync(".upload-result a");

        // The analysis: beats counted by class, with the disclaimer.
        await Assertions.Expect(page.Locator("[data-result=beats] .total td")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"\d,?\d{3}"), new() { Timeout = Waits.Analysis });
        await Assertions.Expect(page.Locator(".analysis .notice")).ToContainTextAsync("not a certified medical device");
        await Assertions.Expect(page.Locator("[data-result=rate] .big")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d{2,3}$"));

        // The rhythm verdict of the model with the probability of each rhythm and, for this half hour, its timeline.
        await Assertions.Expect(page.Locator("[data-result=rhythm] .rhythm-verdict")).ToHaveTextAsync(RhythmName);
        await Assertions.Expect(page.Locator("[data-result=rhythm]")).Not.ToContainTextAsync("not assessed");
        await Assertions.Expect(page.Locator("[data-result=rhythm] .rhythm-probabilities li")).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator("[data-result=rhythm] .rhythm-timeline .rhythm-window")).ToHaveCountAsync(60); // 30 s windows
        await Assertions.Expect(page.Locator("[data-result=rhythm] .af-burden")).ToContainTextAsync("AF burden");
        // Beats by AAMI class from the classifier, in the colours of the viewer's legend.
        await Assertions.Expect(page.Locator("[data-result=beats] tr[data-class=V]")).ToBeVisibleAsync();
        Assert.Equal(await SwatchColourAsync(page, ".legend li[data-class=V]"), await SwatchColourAsync(page, "[data-result=beats] tr[data-class=V]"));

        // Beat marks coloured by class from the reference annotations: normal and ventricular beats on the first screen.
        await page.SelectOptionAsync("#viewer-beats", "atr");
        await tab.Viewer.WaitCompleteAsync();
        Assert.True(await tab.Viewer.NumberAsync("beats-drawn") > 0);
        await Assertions.Expect(page.Locator(".legend li[data-class=N]")).ToHaveClassAsync("present");
        await Assertions.Expect(page.Locator(".legend li[data-class=V]")).ToHaveClassAsync("present");

        // Pan by dragging (mouse or finger): the view moves by exactly the distance dragged.
        var pxPerSecond = await tab.Viewer.NumberAsync("px-per-second");
        Assert.Equal(25 * CssPxPerMm, pxPerSecond, 3);
        var t0 = await tab.Viewer.NumberAsync("t0");
        await tab.DragAsync(ViewerCanvas.Canvas, (300, 80), (180, 80));
        await tab.Viewer.WaitCompleteAsync();
        Assert.Equal(t0 + 120 / pxPerSecond, await tab.Viewer.NumberAsync("t0"), 1);
        if (tab.Device.Mobile)
        {
            await tab.PinchAsync(ViewerCanvas.Canvas, (190, 90), 60, 180);
            Assert.True(await tab.Viewer.NumberAsync("px-per-second") > 1.5 * pxPerSecond, "pinching out zooms in");
        }
        else
        {
            await page.Locator(ViewerCanvas.Canvas).HoverAsync(new() { Position = new() { X = 400, Y = 80 } });
            await page.Mouse.WheelAsync(0, -300);
            await tab.Viewer.WaitCompleteAsync();
            Assert.True(await tab.Viewer.NumberAsync("px-per-second") > 1.5 * pxPerSecond, "the wheel zooms in");
        }

        // Crop to the first 10 s: the window fills the width.
        await page.FillAsync("#crop-from", "0");
        await page.FillAsync("#crop-to", "0:10");
        await page.ClickAsync(".crop button[type=submit]");
        // The status shows the new range once the crop is applied; wait for it before reading the geometry.
        await Assertions.Expect(page.Locator(".viewer-status .range")).ToHaveTextAsync("00:00.0 – 00:10.0");
        await tab.Viewer.WaitCompleteAsync();
        Assert.Equal(0, await tab.Viewer.NumberAsync("t0"), 3);
        var width = (await page.Locator(ViewerCanvas.Canvas).BoundingBoxAsync())!.Width;
        Assert.Equal(10, (width - await tab.Viewer.NumberAsync("left")) / await tab.Viewer.NumberAsync("px-per-second"), 2);

        // Paper at 50 mm/s: calibrated again, twice the pixels per second of 25 mm/s.
        await page.SelectOptionAsync("#viewer-speed", "50");
        await tab.Viewer.WaitCompleteAsync();
        await Assertions.Expect(page.Locator(".viewer-status .scale")).ToHaveTextAsync("50 mm/s · 10 mm/mV");
        pxPerSecond = await tab.Viewer.NumberAsync("px-per-second");
        Assert.Equal(50 * CssPxPerMm, pxPerSecond, 3);

        // Calipers from one R peak to the next read the RR interval of the reference annotations.
        var (r1, r2) = await TwoBeatsInViewAsync(tab, width);
        await page.ClickAsync(".tool[data-tool=calipers]");
        var y = await tab.Viewer.NumberAsync("paper-top") + 40;
        await tab.DragAsync(ViewerCanvas.Canvas, (await tab.Viewer.XOfAsync(r1), y), (await tab.Viewer.XOfAsync(r2), y));
        var tolerance = 1000 * 1.5 / pxPerSecond; // a pixel and a half, in ms
        Assert.Equal((r2 - r1) * 1000, await tab.Viewer.NumberAsync("caliper-ms"), tolerance);
        await Assertions.Expect(page.Locator(".caliper-readout")).ToContainTextAsync("bpm");
        Assert.Equal(60 / (r2 - r1), await tab.Viewer.NumberAsync("caliper-bpm"), 60 / (r2 - r1) * 0.02);

        await tab.ScreenshotAsync("recording");
        await tab.GotoAsync("/");
        await Assertions.Expect(page.Locator(".recording .summary")).ToContainTextAsync("bpm");
        await Assertions.Expect(page.Locator(".recording .summary")).ToContainTextAsync(RhythmName);
        await tab.ScreenshotAsync("recordings");
        tab.AssertNoConsoleErrors();
    }

    private static readonly System.Text.RegularExpressions.Regex RhythmName = new("normal sinus rhythm|atrial fibrillation|other rhythm|inconclusive");

    private static Task<string> SwatchColourAsync(IPage page, string row) =>
        page.Locator($"{row} .swatch").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");

    /// <summary>Two consecutive reference beats, in seconds, both well inside the view.</summary>
    private static async Task<(double, double)> TwoBeatsInViewAsync(Tab tab, double width)
    {
        using var reader = RecordFiles.Open(Path.Combine(TestData.MitDb, $"{Record}.hea"));
        var fs = reader.Info.SamplingFrequency;
        var beats = reader.ReadAnnotations("atr").Where(a => a.IsBeat).Select(a => a.Sample / fs).ToList();
        var left = await tab.Viewer.NumberAsync("left");
        for (var i = 0; i + 1 < beats.Count; i++)
        {
            var (x1, x2) = (await tab.Viewer.XOfAsync(beats[i]), await tab.Viewer.XOfAsync(beats[i + 1]));
            if (x1 > left + 10 && x2 < width - 10) return (beats[i], beats[i + 1]);
        }
        throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"no two beats in view ({width} px)"));
    }
}
