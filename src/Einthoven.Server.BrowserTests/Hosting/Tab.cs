using System.Globalization;
using System.Text.RegularExpressions;
using Einthoven.TestSupport;
using Microsoft.Playwright;

namespace Einthoven.Server.BrowserTests.Hosting;

/// <summary>
/// One page in its own browser profile, with everything the journeys need: console errors collected (a journey
/// fails on any it did not announce), screenshots, and drags by mouse or by touch.
/// </summary>
public sealed class Tab(IPage page, Device device) : IAsyncDisposable
{
    private readonly List<string> _errors = Subscribe(page);
    private readonly List<Regex> _expected = [];

    public IPage Page { get; } = page;
    public Device Device { get; } = device;
    public ViewerCanvas Viewer => new(Page);

    private static List<string> Subscribe(IPage page)
    {
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") lock (errors) errors.Add($"console: {m.Text} ({m.Location})"); };
        page.PageError += (_, e) => { lock (errors) errors.Add($"page error: {e}"); };
        page.Dialog += (_, d) => d.AcceptAsync();
        return errors;
    }

    /// <summary>Announces console errors a step causes on purpose (a refused request shows as a failed resource).</summary>
    public void ExpectConsoleError(string pattern) => _expected.Add(new Regex(pattern));

    public void AssertNoConsoleErrors()
    {
        List<string> unexpected;
        lock (_errors) unexpected = _errors.Where(e => !_expected.Any(x => x.IsMatch(e))).ToList();
        Assert.True(unexpected.Count == 0, "browser console errors:\n" + string.Join("\n", unexpected));
    }

    public Task GotoAsync(string path) => Page.GotoAsync(path);

    public async Task ScreenshotAsync(string name)
    {
        var folder = Path.Combine(TestData.RepoRoot, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}-{Device.Name}.png"), FullPage = true, Scale = ScreenshotScale.Css });
    }

    public async Task SignInAsync(string email, string password)
    {
        await GotoAsync("/signin");
        await Page.FillAsync("#signin-email", email);
        await Page.FillAsync("#signin-password", password);
        await Page.ClickAsync("form button[type=submit]");
        await Page.Locator("#nav .who").WaitForAsync();
    }

    /// <summary>Drags across an element from one point to another (element coordinates), by mouse or by finger.</summary>
    public async Task DragAsync(string selector, (double X, double Y) from, (double X, double Y) to, int steps = 8)
    {
        var box = await Page.Locator(selector).BoundingBoxAsync() ?? throw new InvalidOperationException($"{selector} is not visible");
        var (x0, y0, x1, y1) = (box.X + from.X, box.Y + from.Y, box.X + to.X, box.Y + to.Y);
        if (!Device.Mobile)
        {
            await Page.Mouse.MoveAsync((float)x0, (float)y0);
            await Page.Mouse.DownAsync();
            await Page.Mouse.MoveAsync((float)x1, (float)y1, new MouseMoveOptions { Steps = steps });
            await Page.Mouse.UpAsync();
            return;
        }
        await TouchAsync([[(x0, y0)], .. Enumerable.Range(1, steps).Select(i => new[] { (x0 + (x1 - x0) * i / steps, y0 + (y1 - y0) * i / steps) })]);
    }

    /// <summary>Two fingers moving apart horizontally around a centre (element coordinates): a pinch-zoom.</summary>
    public async Task PinchAsync(string selector, (double X, double Y) centre, double fromGap, double toGap, int steps = 8)
    {
        var box = await Page.Locator(selector).BoundingBoxAsync() ?? throw new InvalidOperationException($"{selector} is not visible");
        var (cx, cy) = (box.X + centre.X, box.Y + centre.Y);
        await TouchAsync(Enumerable.Range(0, steps + 1).Select(i =>
        {
            var gap = fromGap + (toGap - fromGap) * i / steps;
            return new[] { (cx - gap / 2, cy), (cx + gap / 2, cy) };
        }).ToList());
    }

    // Real touch input through the DevTools protocol: Playwright's touchscreen only taps.
    private async Task TouchAsync(IReadOnlyList<(double X, double Y)[]> frames)
    {
        var cdp = await Page.Context.NewCDPSessionAsync(Page);
        object Points((double X, double Y)[] f) => f.Select((p, i) => new { x = p.X, y = p.Y, id = i }).ToArray();
        await cdp.SendAsync("Input.dispatchTouchEvent", new Dictionary<string, object> { ["type"] = "touchStart", ["touchPoints"] = Points(frames[0]) });
        foreach (var frame in frames.Skip(1))
            await cdp.SendAsync("Input.dispatchTouchEvent", new Dictionary<string, object> { ["type"] = "touchMove", ["touchPoints"] = Points(frame) });
        await cdp.SendAsync("Input.dispatchTouchEvent", new Dictionary<string, object> { ["type"] = "touchEnd", ["touchPoints"] = Array.Empty<object>() });
        await cdp.DetachAsync();
    }

    public async ValueTask DisposeAsync() => await Page.Context.CloseAsync();
}

/// <summary>The viewer canvas's published geometry (data attributes), and waiting for it to finish drawing.</summary>
public sealed class ViewerCanvas(IPage page)
{
    public const string Canvas = "canvas.ecg";

    public async Task<double> NumberAsync(string name) =>
        double.Parse(await page.GetAttributeAsync(Canvas, $"data-{name}") ?? throw new InvalidOperationException($"no data-{name}"), CultureInfo.InvariantCulture);

    /// <summary>Waits until every visible tile is drawn at the resolution the view needs.</summary>
    public Task WaitCompleteAsync() => page.WaitForSelectorAsync($"{Canvas}[data-complete='true']");

    /// <summary>The x (element coordinates) of a time in seconds.</summary>
    public async Task<double> XOfAsync(double seconds) =>
        await NumberAsync("left") + (seconds - await NumberAsync("t0")) * await NumberAsync("px-per-second");
}
