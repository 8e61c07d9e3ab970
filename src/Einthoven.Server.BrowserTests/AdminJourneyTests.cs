using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Einthoven.Server.Accounts;
using Einthoven.Server.BrowserTests.Hosting;
using Microsoft.Playwright;

namespace Einthoven.Server.BrowserTests;

/// <summary>
/// A platform admin signs in and lands on the admin page; makes a user a doctor (the user's /api/me shows the role),
/// finds an account that five wrong passwords locked and unlocks it (the user signs in again), reads the audit log
/// filtered to one doctor's reads, and looks at storage, the analysis jobs and the server's health.
/// </summary>
[Collection("browser")]
public sealed class AdminJourneyTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task Admin_manages_roles_unlocks_an_account_and_reads_the_audit_log(string deviceName)
    {
        var (admin, doctor, patient, candidate, locked) =
            (People.New("admin"), People.New("doctor"), People.New("patient"), People.New("candidate"), People.New("locked"));
        await fixture.Server.CreateUserAsync(admin.Email, admin.Password, admin.Name, Roles.Admin);
        await fixture.Server.CreateDoctorAsync(doctor.Email, doctor.Password, doctor.Name);
        using var api = new HttpClient { BaseAddress = new Uri(fixture.Server.BaseUrl) };
        foreach (var person in new[] { patient, candidate, locked }) await RegisterAsync(api, person);
        await DoctorReadsPatientAsync(api, doctor, patient);
        for (var i = 0; i < 5; i++)
            await api.PostAsJsonAsync("/api/auth/login", new { email = locked.Email, password = "Wrong-Horse-42" });
        Assert.Equal((HttpStatusCode)423, (await api.PostAsJsonAsync("/api/auth/login", new { email = locked.Email, password = locked.Password })).StatusCode);

        await using var tab = await fixture.OpenAsync(BrowserFixture.DeviceNamed(deviceName));
        var page = tab.Page;
        await tab.SignInAsync(admin.Email, admin.Password);
        await page.WaitForURLAsync("**/admin");
        await Assertions.Expect(page.Locator("#nav a[href='/admin']")).ToHaveAttributeAsync("aria-current", "page");

        // Roles: the candidate becomes a doctor, and the server says so to the candidate.
        await SearchAsync(page, candidate.Email);
        await page.Locator($"[data-email='{candidate.Email}'] input[data-role=Doctor]").CheckAsync();
        await Assertions.Expect(page.Locator("#admin-users .message.success")).ToContainTextAsync($"{candidate.Email} is now a doctor");
        var roles = (await MeAsync(api, candidate)).GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Equal(["Doctor", "Patient"], roles);

        // Lockout: the locked accounts list shows the account until the admin unlocks it; then its owner signs in.
        await page.FillAsync("#user-search", "");
        await page.CheckAsync("#user-locked");
        await Assertions.Expect(page.Locator("#admin-users h2")).ToContainTextAsync("Locked accounts");
        var row = page.Locator($"[data-email='{locked.Email}']");
        await Assertions.Expect(row.Locator(".badge.locked")).ToHaveTextAsync("Locked");
        await Assertions.Expect(page.Locator($"[data-email='{candidate.Email}']")).ToHaveCountAsync(0);
        await tab.ScreenshotAsync("admin");
        await row.Locator("button", new() { HasText = "Unlock" }).ClickAsync();
        await Assertions.Expect(page.Locator("#admin-users .message.success")).ToContainTextAsync($"{locked.Email} can sign in again");
        await Assertions.Expect(row).ToHaveCountAsync(0);
        await MeAsync(api, locked);

        // The audit log, filtered to the doctor's reads: every row is the doctor reading the patient's list.
        await page.ClickAsync(".tabs >> text=Audit log");
        await page.FillAsync("#audit-actor", doctor.Email);
        await page.ClickAsync(".audit-filters button[type=submit]");
        var entries = page.Locator("table.audit-log tbody tr");
        await Assertions.Expect(entries).ToHaveCountAsync(1);
        await Assertions.Expect(entries.First).ToContainTextAsync(doctor.Email);
        await Assertions.Expect(entries.First).ToContainTextAsync(patient.Email);
        await Assertions.Expect(entries.First).ToContainTextAsync("recordings.list");
        await Assertions.Expect(page.Locator(".pager")).ToContainTextAsync("Page 1 of 1");
        await tab.ScreenshotAsync("admin-audit");

        // Storage, jobs and health answer with figures, not medical data.
        await page.ClickAsync(".tabs >> text=Storage");
        await Assertions.Expect(page.Locator("[data-figure=recordings] .big")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d[\d,]*$"));
        await tab.ScreenshotAsync("admin-storage");
        await page.ClickAsync(".tabs >> text=Analysis jobs");
        await Assertions.Expect(page.Locator("[data-count=Failed] .big")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+$"));
        await page.ClickAsync(".tabs >> text=Health");
        await Assertions.Expect(page.Locator(".health[data-status=ok]")).ToContainTextAsync("reachable");
        await Assertions.Expect(page.Locator(".health")).ToContainTextAsync("running");
        await tab.ScreenshotAsync("admin-health");
        tab.AssertNoConsoleErrors();
    }

    private static async Task SearchAsync(IPage page, string text)
    {
        await page.FillAsync("#user-search", text);
        await page.ClickAsync("#admin-users form button[type=submit]");
        await Assertions.Expect(page.Locator("#admin-users tbody tr")).ToHaveCountAsync(1);
    }

    private static async Task RegisterAsync(HttpClient api, Person person) =>
        Assert.Equal(HttpStatusCode.Accepted, (await api.PostAsJsonAsync("/api/auth/register", new { email = person.Email, password = person.Password, displayName = person.Name })).StatusCode);

    /// <summary>The patient shares by key; the doctor claims it and lists the patient's recordings (one audit entry).</summary>
    private static async Task DoctorReadsPatientAsync(HttpClient api, Person doctor, Person patient)
    {
        var patientToken = await TokenAsync(api, patient);
        var key = await SendAsync(api, HttpMethod.Post, "/api/access-keys", patientToken, new { label = "admin journey" });
        var doctorToken = await TokenAsync(api, doctor);
        await SendAsync(api, HttpMethod.Post, "/api/grants", doctorToken, new { patientEmail = patient.Email, key = key.GetProperty("key").GetString() });
        var me = await SendAsync(api, HttpMethod.Get, "/api/me", patientToken);
        await SendAsync(api, HttpMethod.Get, $"/api/recordings/summaries?patientId={me.GetProperty("id").GetString()}", doctorToken);
    }

    private static async Task<JsonElement> MeAsync(HttpClient api, Person person) => await SendAsync(api, HttpMethod.Get, "/api/me", await TokenAsync(api, person));

    private static async Task<string> TokenAsync(HttpClient api, Person person)
    {
        var answer = await api.PostAsJsonAsync("/api/auth/token", new { email = person.Email, password = person.Password, name = "journey" });
        Assert.True(answer.StatusCode == HttpStatusCode.Created, $"token for {person.Email}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
        return (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    private static async Task<JsonElement> SendAsync(HttpClient api, HttpMethod method, string url, string token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await api.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {url}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
