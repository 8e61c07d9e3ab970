using Microsoft.Playwright;

namespace Einthoven.Server.BrowserTests.Hosting;

/// <summary>Debian's Chromium (never a downloaded browser) driven by Playwright.</summary>
public sealed class Browser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--disable-dev-shm-usage",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public static async Task<Browser> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: apt-get install chromium (.ci/run installs it)");
        Assertions.SetDefaultExpectTimeout(Waits.Page);
        var b = new Browser { _playwright = await Playwright.CreateAsync() };
        b._browser = await b._playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Args = Args, Headless = true });
        return b;
    }

    /// <summary>A fresh browser profile (its own cookies and storage) on one device, in a locale (its navigator.language and Accept-Language).</summary>
    public async Task<Tab> OpenAsync(LiveServer server, Device device, string locale = "en-GB")
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseUrl,
            ViewportSize = new ViewportSize { Width = device.Width, Height = device.Height },
            DeviceScaleFactor = device.Scale,
            IsMobile = device.Mobile,
            HasTouch = device.Mobile,
            Locale = locale,
            TimezoneId = "Europe/Amsterdam",
        });
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new BrowserContextGrantPermissionsOptions { Origin = server.BaseUrl });
        context.SetDefaultTimeout(20_000);
        return new Tab(await context.NewPageAsync(), device);
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

public sealed record Device(string Name, int Width, int Height, float Scale, bool Mobile)
{
    public static readonly Device Desktop = new("desktop", 1366, 900, 1, false);
    public static readonly Device Phone = new("phone", 390, 844, 3, true);
}
