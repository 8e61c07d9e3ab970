using System.Text.Json;
using Einthoven.Server.BrowserTests.Hosting;
using Microsoft.Playwright;

namespace Einthoven.Server.BrowserTests;

/// <summary>The installable PWA (manifest, icons, service worker, offline start), the settings page and the API docs.</summary>
[Collection("browser")]
public sealed class AppShellTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_app_is_installable_and_starts_offline()
    {
        await using var tab = await fixture.OpenAsync(Device.Phone);
        var page = tab.Page;
        await tab.GotoAsync("/signin");
        var manifest = JsonDocument.Parse(await (await page.Context.APIRequest.GetAsync("/manifest.webmanifest")).TextAsync()).RootElement;
        Assert.Equal("standalone", manifest.GetProperty("display").GetString());
        Assert.Equal("/", manifest.GetProperty("start_url").GetString());
        var sizes = new List<string>();
        foreach (var icon in manifest.GetProperty("icons").EnumerateArray())
        {
            var response = await page.Context.APIRequest.GetAsync(icon.GetProperty("src").GetString()!);
            Assert.Equal(200, response.Status);
            var size = icon.GetProperty("sizes").GetString()!;
            if (icon.GetProperty("type").GetString() == "image/png")
            {
                var png = await response.BodyAsync();
                var (width, height) = (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
                Assert.Equal(size, $"{width}x{height}");
            }
            sizes.Add(size);
        }
        Assert.Contains("192x192", sizes);
        Assert.Contains("512x512", sizes);

        // The service worker takes control and serves the shell when the network is gone.
        Assert.True(await page.EvaluateAsync<bool>("async () => !!(await navigator.serviceWorker.ready).active"));
        await page.ReloadAsync();
        await page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null");
        await page.Context.SetOfflineAsync(true);
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("header.top .brand")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("footer")).ToContainTextAsync("not a certified medical device");
        await page.Context.SetOfflineAsync(false);
    }

    [Fact]
    public async Task The_calibration_setting_scales_every_millimetre()
    {
        await using var tab = await fixture.OpenAsync(Device.Desktop);
        var page = tab.Page;
        await tab.GotoAsync("/settings");
        var card = page.Locator(".calibration-card");
        Assert.Equal(85.6 * 96 / 25.4, (await card.BoundingBoxAsync())!.Width, 1);
        await page.Locator("#calibration").FillAsync("110");
        Assert.Equal("1.1", await page.EvaluateAsync<string>("localStorage.getItem('einthoven.screen.calibration')"));
        Assert.Equal(1.1 * 85.6 * 96 / 25.4, (await card.BoundingBoxAsync())!.Width, 1);
        var pxPerMm = await page.EvaluateAsync<double>("import('/js/viewer/calibration.js').then(m => m.pxPerMm())");
        Assert.Equal(1.1 * 96 / 25.4, pxPerMm, 6);
        await page.ClickAsync("text=Reset to 100 %");
        Assert.Null(await page.EvaluateAsync<string?>("localStorage.getItem('einthoven.screen.calibration')"));
        tab.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task A_patient_changes_the_password_in_settings_and_signs_in_with_the_new_one()
    {
        await using var tab = await fixture.OpenAsync(Device.Desktop);
        var person = People.New("patient");
        await People.RegisterAsync(tab, person);
        await tab.GotoAsync("/settings");
        await tab.Page.FillAsync("#password-current", person.Password);
        await tab.Page.FillAsync("#password-new", "Brand-New-Pass-7");
        await tab.Page.FillAsync("#password-confirm", "Brand-New-Pass-7");
        await tab.Page.ClickAsync("text=Change password");
        await Assertions.Expect(tab.Page.Locator(".message.success")).ToContainTextAsync("password is changed");
        await tab.Page.ClickAsync("#nav button:has-text('Sign out')");
        await tab.Page.Locator("#signin-email").WaitForAsync();
        await tab.SignInAsync(person.Email, "Brand-New-Pass-7");
        tab.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task The_api_docs_render_under_their_content_security_policy()
    {
        await using var tab = await fixture.OpenAsync(Device.Desktop);
        await tab.GotoAsync("/docs");
        await Assertions.Expect(tab.Page.Locator(".swagger-ui .information-container")).ToContainTextAsync("Einthoven API");
        await Assertions.Expect(tab.Page.Locator(".opblock-tag-section").First).ToBeVisibleAsync();
        tab.AssertNoConsoleErrors();
    }
}
