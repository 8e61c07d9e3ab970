using System.Net.Http.Json;
using System.Text.Json;
using Einthoven.Server.Accounts;
using Einthoven.Server.BrowserTests.Hosting;
using Microsoft.Playwright;

namespace Einthoven.Server.BrowserTests;

/// <summary>
/// The platform admin puts a clinic in the directory from the admin page and names its clinic admin by e-mail; the
/// account gets the ClinicAdmin role, signs in and lands on that clinic's page.
/// </summary>
[Collection("browser")]
public sealed class AdminClinicsJourneyTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task The_admin_creates_a_clinic_and_names_its_clinic_admin(string deviceName)
    {
        var (admin, manager) = (People.New("admin"), People.New("manager"));
        await fixture.Server.CreateUserAsync(admin.Email, admin.Password, admin.Name, Roles.Admin);
        using var api = new HttpClient { BaseAddress = new Uri(fixture.Server.BaseUrl) };
        (await api.PostAsJsonAsync("/api/auth/register", new { email = manager.Email, password = manager.Password, displayName = manager.Name })).EnsureSuccessStatusCode();

        await using var tab = await fixture.OpenAsync(BrowserFixture.DeviceNamed(deviceName));
        var page = tab.Page;
        await tab.SignInAsync(admin.Email, admin.Password);
        await page.WaitForURLAsync("**/admin");
        await page.ClickAsync(".tabs a[href='/admin?tab=clinics']");
        var name = $"Yunusobod Heart Clinic {deviceName} {Guid.NewGuid():N}"[..40];
        await page.FillAsync("#new-clinic-name", name);
        await page.FillAsync("#new-clinic-address", "Amir Temur 108, Tashkent");
        await page.CheckAsync("#new-clinic-offers-Holter");
        await page.ClickAsync(".new-clinic button[type=submit]");
        await Assertions.Expect(page.Locator("#admin-clinics .message.success")).ToContainTextAsync(name);
        var row = page.Locator($".admin-clinic:has-text('{name}')");
        await row.Locator("input[type=email]").FillAsync(manager.Email);
        await row.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#admin-clinics .message.success")).ToContainTextAsync($"{manager.Email} now manages {name}.");
        await tab.ScreenshotAsync("admin-clinics");
        tab.AssertNoConsoleErrors();

        await using var managerTab = await fixture.OpenAsync(BrowserFixture.DeviceNamed(deviceName));
        await managerTab.SignInAsync(manager.Email, manager.Password);
        await managerTab.Page.WaitForURLAsync("**/clinic");
        await Assertions.Expect(managerTab.Page.Locator("#clinic-name")).ToHaveValueAsync(name);
        managerTab.AssertNoConsoleErrors();
    }
}
