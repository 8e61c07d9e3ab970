using Einthoven.Server.Accounts;
using Einthoven.Server.BrowserTests.Hosting;
using Einthoven.Server.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Einthoven.Server.BrowserTests;

/// <summary>
/// The bell: a patient's notification appears live (no reload) with the unread count, opening it marks it read and
/// clears the count, "Mark all read" clears a second; the Notifications block of Settings saves the channels per kind.
/// </summary>
[Collection("browser")]
public sealed class NotificationJourneyTests(BrowserFixture fixture)
{
    private async Task EnqueueAsync(string email, string kind, string clinic)
    {
        await using var scope = fixture.Server.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email) ?? throw new InvalidOperationException(email);
        await scope.ServiceProvider.GetRequiredService<INotificationQueue>().EnqueueAsync(user.Id, kind,
            new Dictionary<string, string> { ["clinic"] = clinic, ["service"] = "12-lead ECG", ["start"] = "2031-05-20T14:30:00+05:00" });
    }

    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task A_notification_arrives_live_in_the_bell_and_reading_clears_it(string deviceName)
    {
        var patient = People.New("bell-patient");
        await using var tab = await fixture.OpenAsync(BrowserFixture.DeviceNamed(deviceName));
        var page = tab.Page;
        await People.RegisterAsync(tab, patient);
        var bell = page.Locator("#nav button.bell");
        await Assertions.Expect(bell).ToHaveAttributeAsync("data-unread", "0");
        await Assertions.Expect(page.Locator("#nav .bell-count")).ToBeHiddenAsync();

        await EnqueueAsync(patient.Email, NotificationKinds.BookingConfirmed, "Shifo Kardio");
        await Assertions.Expect(page.Locator("#nav .bell-count")).ToHaveTextAsync("1");
        await Assertions.Expect(bell).ToHaveAttributeAsync("aria-label", "Notifications: 1 unread");

        await bell.ClickAsync();
        var item = page.Locator(".bell-panel .bell-item.unread");
        await Assertions.Expect(item).ToHaveCountAsync(1);
        await Assertions.Expect(item.Locator(".bell-title")).ToHaveTextAsync("Appointment booked");
        // The clinic's local time as given (14:30 at +05:00), whatever the browser's zone (Europe/Amsterdam here).
        await Assertions.Expect(item.Locator(".bell-text")).ToHaveTextAsync("12-lead ECG at Shifo Kardio on 20 May 2031 at 14:30 (clinic time).");
        await tab.ScreenshotAsync("notifications-bell");
        await item.Locator(".bell-open").ClickAsync();
        await Assertions.Expect(page.Locator(".bell-panel .bell-item.unread")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#nav .bell-count")).ToBeHiddenAsync();

        // Another arrives while the panel is open; "Mark all read" clears it.
        await EnqueueAsync(patient.Email, NotificationKinds.ResultsReady, "Shifo Kardio");
        await Assertions.Expect(page.Locator(".bell-panel .bell-item")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#nav .bell-count")).ToHaveTextAsync("1");
        await page.Locator(".bell-panel button.bell-all").ClickAsync();
        await Assertions.Expect(page.Locator("#nav .bell-count")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator(".bell-panel .bell-item.unread")).ToHaveCountAsync(0);
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator(".bell-panel")).ToBeHiddenAsync();

        // Still read after a reload (the server keeps it).
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#nav button.bell")).ToHaveAttributeAsync("data-unread", "0");

        // Settings: switch results off in the app, and it stays so.
        await tab.GotoAsync("/settings");
        var results = page.Locator("#notification-settings input[data-kind='results-ready'][data-channel='inApp']");
        await Assertions.Expect(results).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("#notification-settings input[data-kind='monitoring-alert'][data-channel='inApp']")).Not.ToBeCheckedAsync();
        await results.UncheckAsync();
        await page.Locator("#notification-settings button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#notification-settings .message.success")).ToHaveTextAsync("Your notification settings are saved.");
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#notification-settings input[data-kind='results-ready'][data-channel='inApp']")).Not.ToBeCheckedAsync();
        await tab.ScreenshotAsync("notifications-settings");
        tab.AssertNoConsoleErrors();
    }
}
