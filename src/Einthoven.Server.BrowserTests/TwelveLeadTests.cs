using Einthoven.Server.BrowserTests.Hosting;
using Einthoven.TestSupport;
using Microsoft.Playwright;

namespace Einthoven.Server.BrowserTests;

/// <summary>A PTB-XL 12-lead record in the three layouts, each row a whole number of calibrated 5 mm boxes.</summary>
[Collection("browser")]
public sealed class TwelveLeadTests(BrowserFixture fixture)
{
    private const double Header = 20 + 18; // time ruler and beat lane above the paper, in CSS px
    private static readonly double Mm = 96 / 25.4;

    [Fact]
    public async Task A_twelve_lead_record_opens_as_3x4_with_a_rhythm_strip_and_switches_layouts()
    {
        await using var tab = await fixture.OpenAsync(Device.Desktop);
        var page = tab.Page;
        await People.RegisterAsync(tab, People.New("patient"));
        var folder = Path.Combine(TestData.PtbXl, "records100", "00000");
        var id = await People.UploadAsync(tab, Path.Combine(folder, "00001_lr.hea"), Path.Combine(folder, "00001_lr.dat"));
        await tab.GotoAsync($"/recordings/{id}");
        await tab.Viewer.WaitCompleteAsync();

        Assert.Equal("twelve", await page.GetAttributeAsync(ViewerCanvas.Canvas, "data-layout"));
        await Assertions.Expect(page.Locator("#viewer-lead")).ToHaveValueAsync("1"); // the rhythm strip is lead II
        AssertPaperHeight(Header + 4 * 25 * Mm, await CanvasHeight(page));
        await Assertions.Expect(page.Locator("[data-result=rate] .big")).ToBeVisibleAsync(new() { Timeout = Waits.Analysis });
        // PTB-XL 1 is a normal ECG: the 12-lead statements list every class as a bar, NORM above its threshold.
        await Assertions.Expect(page.Locator("[data-result=statements] li[data-code=NORM].present")).ToBeVisibleAsync();
        Assert.True(await page.Locator("[data-result=statements] li").CountAsync() >= 5);
        Assert.DoesNotContain("undefined", await page.Locator("main").InnerTextAsync());
        await Assertions.Expect(page.Locator("#viewer-beats")).ToHaveValueAsync("analysis"); // marks appear once the analysis is done
        await tab.Viewer.WaitCompleteAsync();
        Assert.True(await tab.Viewer.NumberAsync("beats-drawn") >= 8);
        await tab.ScreenshotAsync("twelve-lead");

        await page.SelectOptionAsync("#viewer-layout", "stack");
        AssertPaperHeight(Header + 12 * 25 * Mm, await CanvasHeight(page));
        await page.SelectOptionAsync("#viewer-gain", "20");
        AssertPaperHeight(Header + 12 * 50 * Mm, await CanvasHeight(page));
        await page.SelectOptionAsync("#viewer-layout", "single");
        await page.SelectOptionAsync("#viewer-lead", "6");
        AssertPaperHeight(Header + 80 * Mm, await CanvasHeight(page));
        await tab.Viewer.WaitCompleteAsync();
        tab.AssertNoConsoleErrors();
    }

    /// <summary>The canvas is the paper rounded up to a whole pixel, with one pixel for the closing grid line.</summary>
    private static void AssertPaperHeight(double paper, double canvas) => Assert.InRange(canvas, paper, paper + 2);

    private static async Task<double> CanvasHeight(IPage page)
    {
        await page.WaitForFunctionAsync("() => new Promise(r => requestAnimationFrame(() => r(true)))");
        return (await page.Locator(ViewerCanvas.Canvas).BoundingBoxAsync())!.Height;
    }
}
