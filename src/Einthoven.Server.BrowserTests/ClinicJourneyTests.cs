using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Einthoven.Server.Accounts;
using Einthoven.Server.BrowserTests.Hosting;
using Microsoft.Playwright;

namespace Einthoven.Server.BrowserTests;

/// <summary>
/// Clinic directory and booking (issue 27): an admin makes two clinics (one open round the clock, one never open) and a
/// clinic admin through the API; the clinic admin lands on their clinic's page and sets its hours; a patient finds the
/// clinic open now near Tashkent in the list and on the map, opens its page and books a slot, and sees it among their
/// appointments; the clinic admin then sees the booking with the patient's e-mail.
/// </summary>
[Collection("browser")]
public sealed class ClinicJourneyTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task A_patient_finds_a_clinic_open_now_and_books_and_the_clinic_admin_sets_hours_and_sees_the_booking(string deviceName)
    {
        var device = BrowserFixture.DeviceNamed(deviceName);
        var (admin, clinicAdmin, patient) = (People.New("admin"), People.New("clinic"), People.New("patient"));
        await fixture.Server.CreateUserAsync(admin.Email, admin.Password, admin.Name, Roles.Admin);
        await fixture.Server.CreateUserAsync(clinicAdmin.Email, clinicAdmin.Password, clinicAdmin.Name, Roles.ClinicAdmin);
        using var http = new HttpClient { BaseAddress = new Uri(fixture.Server.BaseUrl) };
        var api = new JourneyApi(http);
        var adminToken = await api.TokenAsync(admin);
        var name = $"Heart Clinic {deviceName}";
        var weekdays = new[] { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday" };
        var clinic = await api.SendAsync(HttpMethod.Post, "/api/admin/clinics", adminToken, new
        {
            name, address = "Amir Temur 1, Tashkent", latitude = 41.315, longitude = 69.28, phone = "+998 71 123 45 67",
            hours = weekdays.Select(d => new { day = d, opens = "08:00", closes = "18:00" }), services = new[] { new { kind = "RestingEcg", durationMinutes = 30 } },
        });
        await api.SendAsync(HttpMethod.Post, "/api/admin/clinics", adminToken, new
        {
            name = $"Closed Clinic {deviceName}", address = "Chilonzor 3, Tashkent", latitude = 41.28, longitude = 69.21,
            hours = Array.Empty<object>(), services = new[] { new { kind = "Holter", durationMinutes = 30 } },
        });
        var userId = await fixture.Server.DbAsync(db => Task.FromResult(db.Users.AsEnumerable().Single(u => u.Email == clinicAdmin.Email).Id));
        await api.SendAsync(HttpMethod.Post, $"/api/admin/clinics/{clinic.GetProperty("id").GetString()}/admins", adminToken, new { userId });

        // The clinic admin opens round the clock, every day.
        await using var clinicTab = await fixture.OpenAsync(device);
        await clinicTab.SignInAsync(clinicAdmin.Email, clinicAdmin.Password);
        await clinicTab.Page.WaitForURLAsync("**/clinic");
        foreach (var day in new[] { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" })
            await clinicTab.Page.FillAsync($"#hours-{day}", "00:00-24:00");
        await clinicTab.Page.ClickAsync(".clinic-form button[type=submit]");
        await Assertions.Expect(clinicTab.Page.Locator(".clinic-form .message.ok")).ToBeVisibleAsync();
        await clinicTab.ScreenshotAsync("clinic-admin-hours");

        // The patient finds it open now near Tashkent, in the list and on the map, and books its first free slot.
        await using var tab = await fixture.OpenAsync(device);
        await People.RegisterAsync(tab, patient);
        await tab.GotoAsync("/clinics");
        await tab.Page.SelectOptionAsync("#clinic-city", "tashkent");
        await tab.Page.CheckAsync("#clinic-open-now");
        await Assertions.Expect(tab.Page.Locator($".clinic-card[data-open=true]:has-text('{name}')")).ToBeVisibleAsync();
        await Assertions.Expect(tab.Page.Locator(".clinic-card:has-text('Closed Clinic')")).ToHaveCountAsync(0);
        await Assertions.Expect(tab.Page.Locator(".clinics-map .map-clinic").First).ToBeVisibleAsync();
        await Assertions.Expect(tab.Page.Locator(".clinics-map .map-you")).ToHaveCountAsync(1);
        await tab.ScreenshotAsync("clinics-directory");
        await tab.Page.ClickAsync($".clinic-card:has-text('{name}') h2 a");
        await tab.Page.Locator(".slot-buttons button.slot:not([disabled])").First.ClickAsync();
        await tab.ScreenshotAsync("clinic-booking");
        await tab.Page.ClickAsync(".confirm-booking .button.primary");
        await tab.Page.WaitForURLAsync("**/appointments?booked=1");
        await Assertions.Expect(tab.Page.Locator(".appointment[data-state=booked]")).ToContainTextAsync(name);
        await tab.ScreenshotAsync("appointments");
        tab.AssertNoConsoleErrors();

        // The clinic admin sees the booking with the patient.
        await clinicTab.Page.ReloadAsync();
        await Assertions.Expect(clinicTab.Page.Locator(".clinic-bookings tr[data-state=booked]")).ToContainTextAsync(patient.Email);
        await clinicTab.Page.Locator(".clinic-bookings").ScrollIntoViewIfNeededAsync();
        await clinicTab.ScreenshotAsync("clinic-admin-bookings");
        clinicTab.AssertNoConsoleErrors();
    }
}
