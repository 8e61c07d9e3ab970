using Einthoven.Server.BrowserTests.Hosting;
using Einthoven.TestSupport;
using Microsoft.Playwright;

namespace Einthoven.Server.BrowserTests;

/// <summary>
/// A patient creates an access key (shown once, copied with the button; single-use and expiring by default); a doctor
/// claims it with the patient's e-mail, sees the history and a recording with its analysis; the patient sees the key
/// used up, the grant and the doctor's reads in the audit log, revokes, and the doctor is refused from then on.
/// </summary>
[Collection("browser")]
public sealed class SharingJourneyTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task Patient_shares_with_a_doctor_and_revokes(string deviceName)
    {
        var device = BrowserFixture.DeviceNamed(deviceName);
        var patient = People.New("patient");
        var doctor = People.New("doctor");
        await fixture.Server.CreateDoctorAsync(doctor.Email, doctor.Password, doctor.Name);
        await using var patientTab = await fixture.OpenAsync(device);
        await using var doctorTab = await fixture.OpenAsync(device);
        var p = patientTab.Page;
        var d = doctorTab.Page;

        await People.RegisterAsync(patientTab, patient);
        var recording = await People.UploadAsync(patientTab, new[] { "hea", "dat", "atr" }.Select(e => Path.Combine(TestData.MitDb, $"100.{e}")).ToArray());

        // The key is shown once, and the copy button puts it on the clipboard.
        await p.ClickAsync("#nav >> text=Sharing");
        await p.FillAsync("#key-label", doctor.Name);
        await p.ClickAsync("form button[type=submit]");
        var key = (await p.Locator("#new-key-value").TextContentAsync())!;
        Assert.Matches("^[A-Z2-9]{4}(-[A-Z2-9]{4}){4}$", key);
        await Assertions.Expect(p.Locator(".new-key")).ToContainTextAsync("It admits 1 doctor until");
        await Assertions.Expect(p.Locator("[data-key] .key-uses")).ToHaveTextAsync("0 of 1 doctor admitted");
        await p.ClickAsync(".new-key button");
        await Assertions.Expect(p.Locator(".copy-status")).ToHaveTextAsync("Copied.");
        Assert.Equal(key, await p.EvaluateAsync<string>("navigator.clipboard.readText()"));
        await patientTab.ScreenshotAsync("sharing-key");

        // A wrong key is refused; the right one gives access.
        await doctorTab.SignInAsync(doctor.Email, doctor.Password);
        await d.WaitForURLAsync("**/doctor");
        await d.FillAsync("#claim-email", patient.Email);
        await d.FillAsync("#claim-key", "AAAA-BBBB-CCCC-DDDD-EEEE");
        doctorTab.ExpectConsoleError("status of 400");
        await d.ClickAsync("form button[type=submit]");
        await Assertions.Expect(d.Locator("form .message.error")).ToContainTextAsync("do not match");
        await d.FillAsync("#claim-key", key.ToLowerInvariant());
        await d.ClickAsync("form button[type=submit]");
        await Assertions.Expect(d.Locator("form .message.success")).ToContainTextAsync(patient.Name);

        // The doctor: patient list, history by date, the recording with its viewer and analysis.
        await d.ClickAsync($"ul.patients >> text={patient.Name}");
        await Assertions.Expect(d.Locator("h1")).ToHaveTextAsync(patient.Name);
        await Assertions.Expect(d.Locator(".day-title")).ToHaveCountAsync(1);
        await d.ClickAsync($"li.recording[data-id='{recording}'] a");
        await doctorTab.Viewer.WaitCompleteAsync();
        await Assertions.Expect(d.Locator("[data-result=rate] .big")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d{2,3}$"), new() { Timeout = Waits.Analysis });
        await Assertions.Expect(d.Locator(".crumbs a")).ToHaveTextAsync("← Patient history");
        await doctorTab.ScreenshotAsync("doctor-recording");

        // The patient sees the grant and, in the audit log, what the doctor read.
        await p.ReloadAsync();
        await Assertions.Expect(p.Locator("[data-grant]")).ToContainTextAsync(doctor.Email);
        await Assertions.Expect(p.Locator("[data-key] .key-uses")).ToHaveTextAsync("1 of 1 doctor admitted");
        await Assertions.Expect(p.Locator("[data-key]")).ToContainTextAsync("used up");
        await Assertions.Expect(p.Locator("table.audit")).ToContainTextAsync("viewed the signal");
        await Assertions.Expect(p.Locator("table.audit")).ToContainTextAsync(doctor.Email);
        await patientTab.ScreenshotAsync("sharing");
        await p.ClickAsync("[data-grant] button"); // the confirmation dialog is accepted
        await Assertions.Expect(p.Locator("[data-grant]")).ToHaveCountAsync(0);
        await Assertions.Expect(p.Locator("section[aria-labelledby=grants-title]")).ToContainTextAsync("No doctor has access");

        // The doctor is refused from now on, with a message rather than a broken page.
        await d.ClickAsync("#nav >> text=Patients");
        await Assertions.Expect(d.Locator("section[aria-labelledby=patients-title]")).ToContainTextAsync("No patient shares");
        await d.GotoAsync($"/recordings/{recording}");
        doctorTab.ExpectConsoleError("status of 404");
        await Assertions.Expect(d.Locator(".message.error")).ToContainTextAsync("no longer shared with you");
        var refused = await d.Context.APIRequest.GetAsync($"/api/recordings/{recording}/window?from=0&to=10");
        Assert.Equal(404, refused.Status);

        patientTab.AssertNoConsoleErrors();
        doctorTab.AssertNoConsoleErrors();
    }
}
