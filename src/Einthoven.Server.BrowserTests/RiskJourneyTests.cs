using System.Globalization;
using Einthoven.Risk;
using Einthoven.Server.BrowserTests.Hosting;
using Microsoft.Playwright;

namespace Einthoven.Server.BrowserTests;

/// <summary>
/// A patient who reads the UI in Russian takes the cardiovascular risk test (issue 27): finds "Риск для сердца" in the
/// navigation, is told in Russian which answer is out of range, answers with cholesterol in mg/dL, and sees the risk the
/// published SCORE2 model gives, its category in plain words, that it is not a diagnosis, and the link to book an ECG.
/// </summary>
[Collection("browser")]
public sealed class RiskJourneyTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task A_russian_speaking_patient_takes_the_risk_test_and_sees_the_result(string deviceName)
    {
        await using var tab = await fixture.OpenAsync(BrowserFixture.DeviceNamed(deviceName));
        await People.RegisterAsync(tab, People.New("patient"));
        // The language the patient chose (the cookie the language menu sets); the page loads its Russian texts.
        await tab.Page.Context.AddCookiesAsync([new Cookie { Name = "einthoven-lang", Value = "ru", Url = fixture.Server.BaseUrl }]);
        await tab.GotoAsync("/");
        var page = tab.Page;

        await page.ClickAsync("#nav a[href='/risk']");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Сердечно-сосудистый риск (SCORE2)");

        // An age outside the models is named in Russian, next to its field.
        await page.FillAsync("#risk-age", "35");
        await page.CheckAsync("input[name=sex][value=male]");
        await page.CheckAsync("input[name=smoker][value=true]");
        await page.FillAsync("#risk-systolicBp", "150");
        await page.SelectOptionAsync("#risk-cholesterolUnit", "mg/dL");
        await page.FillAsync("#risk-totalCholesterol", "232");
        await page.FillAsync("#risk-hdlCholesterol", "39");
        tab.ExpectConsoleError("400");
        await page.ClickAsync("form.risk-form button[type=submit]");
        await Assertions.Expect(page.Locator("#risk-age-error")).ToHaveTextAsync("Возраст: значение должно быть от 40 до 89 лет.");

        await page.FillAsync("#risk-age", "55");
        await page.ClickAsync("form.risk-form button[type=submit]");
        var expected = Score2Calculator.Compute(new RiskFactors(55, Sex.Male, true, 150, 232 / 38.67, 39 / 38.67), RiskRegion.VeryHigh);
        Assert.Equal(RiskCategory.VeryHigh, expected.Category);
        await Assertions.Expect(page.Locator("#risk-percent")).ToHaveTextAsync(expected.RiskPercent.ToString("0.#", CultureInfo.GetCultureInfo("ru-RU")) + "%");
        await Assertions.Expect(page.Locator("#risk-category")).ToHaveTextAsync("Очень высокий риск");
        await Assertions.Expect(page.Locator("#risk-explanation")).ToContainTextAsync("обратитесь к врачу");
        await Assertions.Expect(page.Locator("#risk-not-diagnosis")).ToContainTextAsync("не диагноз");
        await Assertions.Expect(page.Locator("#risk-book")).ToHaveAttributeAsync("href", "/clinics");
        await Assertions.Expect(page.Locator("#risk-book")).ToHaveTextAsync("Записаться на ЭКГ");
        await tab.ScreenshotAsync("risk-ru");
        tab.AssertNoConsoleErrors();
    }
}
