using System.Net;
using System.Net.Http.Json;
using Einthoven.Server.Accounts;
using Einthoven.Server.BrowserTests.Hosting;
using Microsoft.Playwright;

namespace Einthoven.Server.BrowserTests;

/// <summary>
/// Staff in Uzbek (the browser's locale uz-Latn-UZ): a doctor's patient list, claim form and patient page, a
/// cardiologist's verification queue, every tab of the admin page and the datasets page, and the monitoring dashboard
/// with a patient's panel show Uzbek headings and buttons and none of their English texts. People are named in Uzbek
/// (Shifokor, Bemor, ...) so that their names are not taken for English leftovers. Screenshots uzbek-doctor,
/// uzbek-admin, uzbek-monitoring.
/// </summary>
[Collection("browser")]
public sealed class StaffLanguageJourneyTests(BrowserFixture fixture)
{
    private const string Uzbek = "uz-Latn-UZ";

    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task An_uzbek_doctor_and_cardiologist_see_their_pages_in_uzbek(string deviceName)
    {
        var (doctor, patient, cardiologist) = (People.New("shifokor"), People.New("bemor"), People.New("kardiolog"));
        await fixture.Server.CreateDoctorAsync(doctor.Email, doctor.Password, doctor.Name);
        await fixture.Server.CreateUserAsync(cardiologist.Email, cardiologist.Password, cardiologist.Name, Roles.Cardiologist);
        using var http = new HttpClient { BaseAddress = new Uri(fixture.Server.BaseUrl) };
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsJsonAsync("/api/auth/register",
            new { email = patient.Email, password = patient.Password, displayName = patient.Name })).StatusCode);
        var api = new JourneyApi(http);
        var key = await api.SendAsync(HttpMethod.Post, "/api/access-keys", await api.TokenAsync(patient), new { label = "uzbek journey" });
        await api.SendAsync(HttpMethod.Post, "/api/grants", await api.TokenAsync(doctor), new { patientEmail = patient.Email, key = key.GetProperty("key").GetString() });

        await using var tab = await fixture.OpenAsync(BrowserFixture.DeviceNamed(deviceName), Uzbek);
        var page = tab.Page;
        var main = page.Locator("#main");
        await tab.SignInAsync(doctor.Email, doctor.Password);
        await page.WaitForURLAsync("**/doctor");
        await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync("Bemorlar");
        await Assertions.Expect(page.Locator("main form h2")).ToHaveTextAsync("Bemor qoʻshish");
        await Assertions.Expect(page.Locator("label[for=claim-key]")).ToHaveTextAsync("Kirish kaliti");
        await Assertions.Expect(page.Locator("#patients-title")).ToHaveTextAsync("Sizga yozuvlarini ulashgan bemorlar");
        await Assertions.Expect(page.Locator("ul.patients li")).ToContainTextAsync(" gacha ulashilgan");
        // A key that does not match says why in Uzbek.
        await page.FillAsync("#claim-email", patient.Email);
        await page.FillAsync("#claim-key", "AAAA-BBBB-CCCC-DDDD-EEEE");
        tab.ExpectConsoleError("status of 400");
        await page.ClickAsync("main form button[type=submit]");
        await Assertions.Expect(page.Locator("main form .message.error")).ToContainTextAsync("amaldagi kirish kalitiga mos kelmaydi");
        await AssertNoEnglishAsync(main, "Patients", "Add a patient", "Add patient", "Patient e-mail", "Access key", "share with you", "shared since", "do not match");
        await tab.ScreenshotAsync("uzbek-doctor");

        await page.ClickAsync($"ul.patients a:has-text('{patient.Name}')");
        await Assertions.Expect(page.Locator("#history-title")).ToContainTextAsync("Tarix");
        await Assertions.Expect(page.Locator(".crumbs a")).ToHaveTextAsync("← Bemorlar");
        await AssertNoEnglishAsync(main, "History", "Patients");
        tab.AssertNoConsoleErrors();

        await using var queueTab = await fixture.OpenAsync(BrowserFixture.DeviceNamed(deviceName), Uzbek);
        await queueTab.SignInAsync(cardiologist.Email, cardiologist.Password);
        await queueTab.Page.WaitForURLAsync("**/verification");
        var queue = queueTab.Page.Locator("#main");
        await Assertions.Expect(queueTab.Page.Locator("main h1")).ToHaveTextAsync("Verifikatsiya navbati");
        await Assertions.Expect(queueTab.Page.Locator("label[for=queue-all]")).ToHaveTextAsync("Imzolangan soʻrovlarni ham koʻrsatish");
        await Assertions.Expect(queue).ToContainTextAsync("Sizni kutayotgan ish yoʻq.");
        await AssertNoEnglishAsync(queue, "Verification queue", "Include signed-off", "Nothing waits", "beat labels", "sign off");
        queueTab.AssertNoConsoleErrors();
    }

    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task An_uzbek_admin_sees_every_admin_tab_in_uzbek(string deviceName)
    {
        var (admin, doctor) = (People.New("boshqaruvchi"), People.New("shifokor"));
        await fixture.Server.CreateUserAsync(admin.Email, admin.Password, admin.Name, Roles.Admin);
        await fixture.Server.CreateDoctorAsync(doctor.Email, doctor.Password, doctor.Name);

        await using var tab = await fixture.OpenAsync(BrowserFixture.DeviceNamed(deviceName), Uzbek);
        var page = tab.Page;
        var main = page.Locator("#main");
        await tab.SignInAsync(admin.Email, admin.Password);
        await page.WaitForURLAsync("**/admin");
        await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync("Boshqaruv");
        await Assertions.Expect(page.Locator("main nav.tabs a")).ToHaveTextAsync(
            ["Foydalanuvchilar", "Audit jurnali", "Xotira", "Tahlil vazifalari", "Modellar", "12 ulanishli modellar", "Kardiologlar", "Klinikalar", "Holat"]);
        string[] tabs = ["Users", "Audit log", "Storage", "Analysis jobs", "Models", "12-lead models", "Cardiologists", "Clinics", "Health", "Administration"];

        // Users: the doctor found by e-mail, with the roles as toggles.
        await page.FillAsync("#user-search", doctor.Email);
        await page.ClickAsync("#admin-users form button[type=submit]");
        await Assertions.Expect(page.Locator("#admin-users tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#admin-users h2")).ToContainTextAsync("boʻyicha hisoblar");
        await Assertions.Expect(page.Locator("#admin-users tbody tr")).ToContainTextAsync("Shifokor");
        await Assertions.Expect(page.Locator("#admin-users tbody tr")).ToContainTextAsync("faol");
        await AssertNoEnglishAsync(main, [.. tabs, "Find an account", "Search", "Locked accounts only", "Accounts", "Account", "Roles", "Sign-in", "Since", "active", "Doctor", "Cardiologist"]);
        await tab.ScreenshotAsync("uzbek-admin");

        await tab.GotoAsync("/admin?tab=audit");
        await Assertions.Expect(page.Locator("#admin-audit h2")).ToContainTextAsync("Jurnal yozuvlari");
        await Assertions.Expect(page.Locator(".pager")).ToContainTextAsync("-sahifa");
        await AssertNoEnglishAsync(main, [.. tabs, "Reader", "Action", "Filter", "Clear", "Entries", "Per page", "Newer", "Older", "Page "]);

        await tab.GotoAsync("/admin?tab=storage");
        await Assertions.Expect(page.Locator("[data-figure=recordings] h3")).ToHaveTextAsync("Yozuvlar");
        await Assertions.Expect(page.Locator("#admin-storage h2")).ToHaveTextAsync("Eng koʻp joy egallagan bemorlar");
        await AssertNoEnglishAsync(main, [.. tabs, "Recordings", "Samples", "Sample data", "Database", "storing most", "compressed"]);

        await tab.GotoAsync("/admin?tab=clinics");
        await Assertions.Expect(page.Locator(".new-clinic h2")).ToHaveTextAsync("Yangi klinika");
        await Assertions.Expect(page.Locator(".admin-clinics h2")).ToContainTextAsync("Maʼlumotnomadagi klinikalar");
        await AssertNoEnglishAsync(main, [.. tabs, "New clinic", "Create clinic", "Clinics in the directory", "Add clinic admin", "Name", "Address", "Phone"]);

        await tab.GotoAsync("/admin?tab=jobs");
        await Assertions.Expect(page.Locator("[data-count=Failed] h3")).ToHaveTextAsync("Xato bilan");
        await Assertions.Expect(page.Locator("#admin-jobs h2").First).ToHaveTextAsync("Kutayotgan va bajarilayotganlar");
        await AssertNoEnglishAsync(main, [.. tabs, "Waiting and running", "Queued", "Succeeded", "Attempts", "queue is empty", "No job has failed"]);

        await tab.GotoAsync("/admin?tab=models");
        await Assertions.Expect(page.Locator("#admin-models h2").First).ToHaveTextAsync("Urish modeli versiyalari");
        await Assertions.Expect(page.Locator("#admin-models button").First).ToHaveTextAsync("Oldingi chempionga qaytish");
        await Assertions.Expect(page.Locator("#admin-models tr[data-status=Champion] .badge")).ToContainTextAsync("chempion");
        await AssertNoEnglishAsync(main, [.. tabs, "Beat model versions", "Roll back", "Retraining runs", "Run now", "Status", "Metrics", "Decision", "Promote", "History"]);

        await tab.GotoAsync("/admin?tab=classifiers");
        await Assertions.Expect(page.Locator("#onnx-register h2")).ToHaveTextAsync("ONNX modelini roʻyxatga olish");
        await Assertions.Expect(page.Locator("#onnx-register button[type=submit]")).ToHaveTextAsync("Roʻyxatga olish");
        await Assertions.Expect(page.Locator("#admin-classifiers tr[data-classifier]").First).ToBeVisibleAsync();
        await AssertNoEnglishAsync(main, [.. tabs, "Register", "12-lead classifiers", "Use in analysis", "in use", "Classes", "Input", "Models up to"]);

        await tab.GotoAsync("/admin?tab=assignments");
        await Assertions.Expect(page.Locator("#admin-assignments form h2")).ToHaveTextAsync("Kardiolog biriktirish");
        await Assertions.Expect(page.Locator("#admin-assignments form button[type=submit]")).ToHaveTextAsync("Biriktirish");
        await AssertNoEnglishAsync(main, [.. tabs, "Assign a cardiologist", "Cardiologist e-mail", "Patient e-mail", "Assignments", "Unassign"]);

        await tab.GotoAsync("/admin?tab=health");
        await Assertions.Expect(page.Locator(".health")).ToContainTextAsync("Maʼlumotlar bazasi");
        await Assertions.Expect(page.Locator(".health")).ToContainTextAsync("ulanish bor");
        await Assertions.Expect(page.Locator(".health")).ToContainTextAsync("Tahlil ishchisi");
        await AssertNoEnglishAsync(main, [.. tabs, "All is well", "Database", "Analysis worker", "Last heartbeat", "Queue", "Up for", "reachable", "running", "free of"]);

        await tab.GotoAsync("/datasets");
        await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync("Maʼlumotlar toʻplamlari");
        await Assertions.Expect(page.Locator("main button")).ToHaveTextAsync("Hozir surat olish");
        await Assertions.Expect(page.Locator("main .card h2")).ToHaveTextAsync("Versiyalar");
        await AssertNoEnglishAsync(main, "Datasets", "Snapshot now", "Versions", "Export", "de-identified", "held out");
        tab.AssertNoConsoleErrors();
    }

    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task An_uzbek_monitoring_nurse_sees_the_dashboard_in_uzbek(string deviceName)
    {
        using var http = new HttpClient { BaseAddress = new Uri(fixture.Server.BaseUrl) };
        var world = await MonitoringWorld.CreateAsync(fixture.Server, http);

        await using var tab = await fixture.OpenAsync(BrowserFixture.DeviceNamed(deviceName), Uzbek);
        var page = tab.Page;
        var main = page.Locator("#main");
        await tab.SignInAsync(world.Monitor.Email, world.Monitor.Password);
        await page.WaitForURLAsync("**/monitoring");
        await Assertions.Expect(page.Locator(".connection")).ToHaveAttributeAsync("data-state", "connected");
        await Assertions.Expect(page.Locator(".connection")).ToHaveTextAsync("jonli");
        await Assertions.Expect(page.Locator("#patients-title")).ToHaveTextAsync("Bemorlar");
        await Assertions.Expect(page.Locator("#alerts-title")).ToHaveTextAsync("Ogohlantirishlar");
        var patientItem = page.Locator($"#monitored-patients li:has-text('{world.Patient.Name}')");
        await Assertions.Expect(patientItem).ToContainTextAsync("signal uzatilmayapti");
        await Assertions.Expect(patientItem).ToContainTextAsync("0 ta ochiq ogohlantirish");
        await AssertNoEnglishAsync(main, "Patients", "Alerts", "not streaming", "open alert", "Include resolved", "No open alert", "live");

        await patientItem.Locator("button").ClickAsync();
        var panel = page.Locator(".patient-panel");
        await Assertions.Expect(panel).ToContainTextAsync(world.Conditions);
        await Assertions.Expect(panel).ToContainTextAsync("Maʼlum kasalliklar");
        await Assertions.Expect(panel.Locator("section.live h3")).ToHaveTextAsync("Jonli EKG");
        await Assertions.Expect(panel).ToContainTextAsync("Ogohlantirish chegaralari");
        await Assertions.Expect(panel).ToContainTextAsync("Bradikardiya");
        await Assertions.Expect(page.Locator(".live-status")).ToContainTextAsync("hech bir qurilma signal uzatmayapti");
        await AssertNoEnglishAsync(main, "Known conditions", "Live ECG", "Alert thresholds", "Bradycardia", "Recent alerts", "Earlier recordings",
            "No device is streaming", "Patients and alerts", "bpm");
        await tab.ScreenshotAsync("uzbek-monitoring");
        tab.AssertNoConsoleErrors();
    }

    /// <summary>None of these English texts is in the visible text of the element (case-sensitive: "Patients", not "patients").</summary>
    private static async Task AssertNoEnglishAsync(ILocator element, params string[] english)
    {
        var text = await element.InnerTextAsync();
        var found = english.Where(e => text.Contains(e, StringComparison.Ordinal)).ToList();
        Assert.True(found.Count == 0, $"English left in the Uzbek page: {string.Join(", ", found.Select(f => $"\"{f}\""))}\n{text}");
    }
}
