using System.Globalization;
using Einthoven.Risk;
using Einthoven.Server.Accounts;
using Einthoven.Server.BrowserTests.Hosting;
using Einthoven.Server.Tests.Hosting;
using Microsoft.Playwright;

namespace Einthoven.Server.BrowserTests;

/// <summary>
/// Issue 27's whole patient journey in Russian: a patient who chose Russian finds a clinic open now, books a slot, gets
/// the confirmation in the bell and, once, by e-mail in Russian (from the real SMTP server .ci/run starts), and takes
/// the risk test.
/// </summary>
[Collection("browser")]
public sealed class RussianPatientJourneyTests(BrowserFixture fixture)
{
    [SmtpTheory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task A_russian_patient_finds_a_clinic_open_now_books_is_told_in_the_bell_and_by_mail_and_takes_the_risk_test(string deviceName)
    {
        var (admin, patient) = (People.New("ru-admin"), People.New("ru-patient"));
        await fixture.Server.CreateUserAsync(admin.Email, admin.Password, admin.Name, Roles.Admin);
        using var http = new HttpClient { BaseAddress = new Uri(fixture.Server.BaseUrl) };
        var api = new JourneyApi(http);
        var name = $"Кардиоцентр «Шифо» {deviceName}";
        var everyDay = new[] { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday" };
        await api.SendAsync(HttpMethod.Post, "/api/admin/clinics", await api.TokenAsync(admin), new
        {
            name, address = "Мирзо-Улугбекский район, Ташкент", latitude = 41.33, longitude = 69.33, phone = "+998 71 200 00 00",
            hours = everyDay.Select(d => new { day = d, opens = "00:00", closes = "24:00" }), services = new[] { new { kind = "RestingEcg", durationMinutes = 20 } },
        });

        // The patient registers and chooses Russian in the header; the choice is saved with the account.
        await using var tab = await fixture.OpenAsync(BrowserFixture.DeviceNamed(deviceName));
        var page = tab.Page;
        await People.RegisterAsync(tab, patient);
        await page.Locator("#nav .language-select, .language-select").First.SelectOptionAsync("ru");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ru");

        // A clinic open now near Tashkent, booked at its first free slot.
        await tab.GotoAsync("/clinics");
        await page.SelectOptionAsync("#clinic-city", "tashkent");
        await page.CheckAsync("#clinic-open-now");
        await Assertions.Expect(page.Locator("label[for=clinic-open-now]")).ToHaveTextAsync("Открыто сейчас");
        await page.ClickAsync($".clinic-card[data-open=true]:has-text('{name}') h2 a");
        await page.Locator(".slot-buttons button.slot:not([disabled])").First.ClickAsync();
        await page.ClickAsync(".confirm-booking .button.primary");
        await page.WaitForURLAsync("**/appointments?booked=1");
        await Assertions.Expect(page.Locator(".appointment[data-state=booked]")).ToContainTextAsync(name);

        // The confirmation in the bell, in Russian; opening it leads to the appointments.
        await Assertions.Expect(page.Locator("#nav .bell-count")).ToHaveTextAsync("1");
        await page.Locator("#nav button.bell").ClickAsync();
        var item = page.Locator(".bell-panel .bell-item.unread[data-kind='booking-confirmed']");
        await Assertions.Expect(item.Locator(".bell-title")).ToHaveTextAsync("Вы записаны на приём");
        await Assertions.Expect(item.Locator(".bell-text")).ToContainTextAsync(name);
        await tab.ScreenshotAsync("ru-booking-bell");
        await item.Locator(".bell-open").ClickAsync();
        await page.WaitForURLAsync("**/appointments");
        await Assertions.Expect(page.Locator("#nav .bell-count")).ToBeHiddenAsync();

        // The same confirmation by e-mail, in Russian, exactly once.
        var mail = Assert.Single(await TestSmtp.WaitForAsync(patient.Email, 1, quietMs: 2000));
        Assert.StartsWith("Вы записаны на ЭКГ", mail.Subject);
        Assert.Contains(name, mail.TextBody);
        Assert.Contains("ЭКГ покоя в 12 отведениях", mail.TextBody);

        // The risk test, from the navigation, answered in Russian.
        await page.ClickAsync("#nav a[href='/risk']");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Сердечно-сосудистый риск (SCORE2)");
        await page.FillAsync("#risk-age", "62");
        await page.CheckAsync("input[name=sex][value=female]");
        await page.CheckAsync("input[name=smoker][value=false]");
        await page.FillAsync("#risk-systolicBp", "145");
        await page.FillAsync("#risk-totalCholesterol", "6.1");
        await page.FillAsync("#risk-hdlCholesterol", "1.4");
        await page.ClickAsync("form.risk-form button[type=submit]");
        var expected = Score2Calculator.Compute(new RiskFactors(62, Sex.Female, false, 145, 6.1, 1.4), RiskRegions.Uzbekistan);
        await Assertions.Expect(page.Locator("#risk-percent")).ToHaveTextAsync(expected.RiskPercent.ToString("0.#", CultureInfo.GetCultureInfo("ru-RU")) + "%");
        await Assertions.Expect(page.Locator("#risk-not-diagnosis")).ToContainTextAsync("не диагноз");
        await tab.ScreenshotAsync("ru-risk-result");
        tab.AssertNoConsoleErrors();
    }
}
