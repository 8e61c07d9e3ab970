using System.Text.RegularExpressions;
using Einthoven.Server.BrowserTests.Hosting;
using Einthoven.TestSupport;
using Microsoft.Playwright;

namespace Einthoven.Server.BrowserTests;

/// <summary>
/// An Uzbek user (the browser's locale uz-Latn-UZ, so its navigator.language and Accept-Language) sees the whole UI in
/// Uzbek: sign-in and registration, the navigation, the recordings page and the uploader (a refused and a stored upload),
/// the viewer's controls and the analysis panel, with none of their English labels; then switches to English with the
/// header's language selector. On a desktop and on a phone; screenshots uzbek-*.
/// </summary>
[Collection("browser")]
public sealed class LanguageJourneyTests(BrowserFixture fixture)
{
    private const string Record = "100";

    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task An_uzbek_user_sees_the_ui_in_uzbek(string deviceName)
    {
        await using var tab = await fixture.OpenAsync(BrowserFixture.DeviceNamed(deviceName), "uz-Latn-UZ");
        var page = tab.Page;
        var main = page.Locator("#main");
        var nav = page.Locator("#nav");

        // Sign-in and registration.
        await tab.GotoAsync("/");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Kirish");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "uz-Latn");
        await Assertions.Expect(page.Locator("footer")).ToContainTextAsync("Tibbiy buyum emas.");
        await page.ClickAsync("text=Bemor hisobini yaratish");
        await Assertions.Expect(main).ToContainTextAsync("Ismingiz");
        var person = People.New("patient");
        await page.FillAsync("#register-name", person.Name);
        await page.FillAsync("#register-email", person.Email);
        await page.FillAsync("#register-password", person.Password);
        await page.FillAsync("#register-confirm", person.Password);
        await page.ClickAsync("form button[type=submit]");
        await page.Locator(".dropzone").WaitForAsync();

        // The navigation and the recordings page.
        foreach (var text in new[] { "Yozuvlar", "Ulashish", "Sozlamalar", "Chiqish" }) await Assertions.Expect(nav).ToContainTextAsync(text);
        foreach (var text in new[] { "Recordings", "Sharing", "Settings", "Sign out" }) await Assertions.Expect(nav).Not.ToContainTextAsync(text);
        await Assertions.Expect(nav.Locator("select.language-select")).ToHaveValueAsync("uz");
        await Assertions.Expect(page.Locator(".dropzone")).ToContainTextAsync("EKG yozuvini shu yerga tashlang");
        await Assertions.Expect(page.Locator(".history h2")).ToContainTextAsync("Yozuvlaringiz");
        await Assertions.Expect(main).ToContainTextAsync("Hali yozuvlar yoʻq.");

        // A refused upload says why in Uzbek; a stored one too, and its analysis runs.
        await People.DropAsync(tab, [Path.Combine(TestData.MitDb, $"{Record}.dat")]);
        await Assertions.Expect(page.Locator(".upload-status .message.error")).ToContainTextAsync("sarlavha fayli (.hea)");
        await People.DropAsync(tab, new[] { "hea", "dat", "atr" }.Select(e => Path.Combine(TestData.MitDb, $"{Record}.{e}")).ToArray());
        await Assertions.Expect(page.Locator(".upload-status .message.success")).ToContainTextAsync("yuklandi", new() { Timeout = Waits.Analysis });
        await Assertions.Expect(page.Locator(".recording .meta")).ToContainTextAsync("2 ta ulanish");
        await Assertions.Expect(page.Locator(".recording .ai")).ToContainTextAsync("urish/daq", new() { Timeout = Waits.Analysis });
        await Assertions.Expect(main).Not.ToContainTextAsync("Your recordings");
        await tab.ScreenshotAsync("uzbek-recordings");

        // The recording: viewer controls and the analysis panel.
        await page.ClickAsync(".recording a");
        await Assertions.Expect(page.Locator("[data-result=beats] .total th")).ToHaveTextAsync("Jami", new() { Timeout = Waits.Analysis });
        await tab.Viewer.WaitCompleteAsync();
        await Assertions.Expect(page.Locator("label[for=viewer-speed]")).ToContainTextAsync("Tezlik");
        await Assertions.Expect(page.Locator("label[for=viewer-gain]")).ToContainTextAsync("Kuchaytirish");
        await Assertions.Expect(page.Locator("#viewer-beats option[value=analysis]")).ToHaveTextAsync("SI tahlili");
        await Assertions.Expect(page.Locator(".tool[data-tool=calipers]")).ToHaveTextAsync("Sirkul");
        await Assertions.Expect(page.Locator(".viewer-tools")).ToContainTextAsync("Butun signal");
        await Assertions.Expect(page.Locator(".legend li[data-class=V]")).ToContainTextAsync("Qorincha ektopik");
        await Assertions.Expect(page.Locator(".viewer-status .scale")).ToContainTextAsync("mm/s");
        await Assertions.Expect(page.Locator("#analysis-title")).ToHaveTextAsync("Tahlil");
        await Assertions.Expect(page.Locator("[data-result=rate] h3")).ToHaveTextAsync("Yurak urish tezligi");
        await Assertions.Expect(page.Locator("[data-result=rate]")).ToContainTextAsync("urish/daq");
        await Assertions.Expect(page.Locator("[data-result=beats] h3")).ToHaveTextAsync("Urishlar sinflar boʻyicha");
        await Assertions.Expect(page.Locator("[data-result=rhythm] .rhythm-verdict"))
            .ToHaveTextAsync(new Regex("^(normal sinus ritmi|boʻlmachalar fibrillyatsiyasi|boshqa ritm|noaniq)$"));
        await Assertions.Expect(page.Locator(".analysis .notice")).ToContainTextAsync("sertifikatlangan tibbiy buyum emas");
        await Assertions.Expect(page.Locator(".downloads summary")).ToHaveTextAsync("Yuklab olish va tafsilotlar");
        // A value the analysis could not measure says why in Uzbek (the report's English reason, translated).
        await Assertions.Expect(page.Locator(".all-results")).ToContainTextAsync("qoʻl-oyoq ulanishi kerak");
        await Assertions.Expect(page.Locator(".all-results")).Not.ToContainTextAsync("limb leads");
        foreach (var english in new[] { "Heart rate", "Beats by class", "Signal quality", "All results", "Full signal", "Calipers", "Speed", "not a certified medical device", "Download and details" })
            await Assertions.Expect(main).Not.ToContainTextAsync(english);
        await tab.ScreenshotAsync("uzbek-recording");

        // The header's selector switches to English (saved for the account) and the same page reads in English.
        await nav.Locator("select.language-select").SelectOptionAsync("en");
        await Assertions.Expect(page.Locator("#analysis-title")).ToHaveTextAsync("Analysis", new() { Timeout = Waits.Analysis });
        await Assertions.Expect(nav).ToContainTextAsync("Recordings");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        var me = await (await page.Context.APIRequest.GetAsync("/api/me")).JsonAsync();
        Assert.Equal("en", me!.Value.GetProperty("language").GetString());
        tab.AssertNoConsoleErrors();
    }
}
