using System.Net.Http.Json;
using System.Text.Json;
using Einthoven.Server.BrowserTests.Hosting;
using Einthoven.TestSupport;
using Microsoft.Playwright;

namespace Einthoven.Server.BrowserTests;

/// <summary>
/// A doctor's conclusion (issue 27): the doctor the patient shared a recording with writes a conclusion under it; the
/// patient is told live in the bell, opens the notification and reads the conclusion under the recording.
/// </summary>
[Collection("browser")]
public sealed class ConclusionJourneyTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task The_doctor_writes_a_conclusion_and_the_patient_is_told_and_reads_it(string deviceName)
    {
        var device = BrowserFixture.DeviceNamed(deviceName);
        var (patient, doctor) = (People.New("patient"), People.New("doctor"));
        await fixture.Server.CreateDoctorAsync(doctor.Email, doctor.Password, doctor.Name);
        await using var patientTab = await fixture.OpenAsync(device);
        await People.RegisterAsync(patientTab, patient);
        var recording = await People.UploadAsync(patientTab, new[] { "hea", "dat", "atr" }.Select(e => Path.Combine(TestData.MitDb, $"100.{e}")).ToArray());

        using var http = new HttpClient { BaseAddress = new Uri(fixture.Server.BaseUrl) };
        var api = new JourneyApi(http);
        var key = await api.SendAsync(HttpMethod.Post, "/api/access-keys", await api.TokenAsync(patient), new { label = doctor.Name });
        await api.SendAsync(HttpMethod.Post, "/api/grants", await api.TokenAsync(doctor), new { patientEmail = patient.Email, key = key.GetProperty("key").GetString() });

        const string text = "Sinus rhythm, 70/min. Isolated ventricular ectopic beats; no treatment needed. Repeat the ECG in a year.";
        await using var doctorTab = await fixture.OpenAsync(device);
        await doctorTab.SignInAsync(doctor.Email, doctor.Password);
        await doctorTab.GotoAsync($"/recordings/{recording}");
        await doctorTab.Page.FillAsync("#conclusion-text", text);
        await doctorTab.Page.ClickAsync(".conclusion-form button[type=submit]");
        await Assertions.Expect(doctorTab.Page.Locator(".conclusions .message.success")).ToBeVisibleAsync();
        await doctorTab.Page.Locator(".conclusions").ScrollIntoViewIfNeededAsync();
        await doctorTab.ScreenshotAsync("doctor-conclusion");
        doctorTab.AssertNoConsoleErrors();

        var p = patientTab.Page;
        await Assertions.Expect(p.Locator("#nav .bell-count")).ToHaveTextAsync("1");
        await p.Locator("#nav button.bell").ClickAsync();
        var item = p.Locator(".bell-panel .bell-item.unread[data-kind='doctor-conclusion']");
        await Assertions.Expect(item.Locator(".bell-title")).ToHaveTextAsync("Doctor's conclusion");
        await item.Locator(".bell-open").ClickAsync();
        await p.WaitForURLAsync($"**/recordings/{recording}");
        await Assertions.Expect(p.Locator(".conclusions .conclusion-text")).ToHaveTextAsync(text);
        await Assertions.Expect(p.Locator(".conclusions .conclusion")).ToContainTextAsync(doctor.Name);
        await Assertions.Expect(p.Locator("#conclusion-text")).ToHaveCountAsync(0);
        await p.Locator(".conclusions").ScrollIntoViewIfNeededAsync();
        await patientTab.ScreenshotAsync("patient-conclusion");
        patientTab.AssertNoConsoleErrors();
    }
}
