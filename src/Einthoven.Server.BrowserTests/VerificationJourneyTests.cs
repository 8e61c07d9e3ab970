using System.Net.Http.Json;
using System.Text.Json;
using Einthoven.Server.Accounts;
using Einthoven.Server.BrowserTests.Hosting;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Synthesis;
using Einthoven.TestSupport;
using Microsoft.Playwright;

namespace Einthoven.Server.BrowserTests;

/// <summary>
/// Cardiologist verification (issue 25): an admin assigns a cardiologist to a patient on the admin page's Cardiologists
/// tab; the patient pushes a recording
/// from its page; the cardiologist lands on the verification queue, opens the recording in the viewer's verification
/// mode and relabels beats (with the keyboard on a desktop, the buttons on a phone), finds the progress kept after a
/// reload, signs off, and the API then returns the physician labels, which the next dataset version holds.
/// </summary>
[Collection("browser")]
public sealed class VerificationJourneyTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task Cardiologist_relabels_beats_in_the_viewer_and_signs_off_and_the_API_returns_the_labels(string deviceName)
    {
        var device = BrowserFixture.DeviceNamed(deviceName);
        var (admin, cardiologist, patient) = (People.New("admin"), People.New("cardiologist"), People.New("patient"));
        await fixture.Server.CreateUserAsync(admin.Email, admin.Password, admin.Name, Roles.Admin);
        await fixture.Server.CreateUserAsync(cardiologist.Email, cardiologist.Password, cardiologist.Name, Roles.Cardiologist);
        using var http = new HttpClient { BaseAddress = new Uri(fixture.Server.BaseUrl) };
        Assert.True((await http.PostAsJsonAsync("/api/auth/register", new { email = patient.Email, password = patient.Password, displayName = patient.Name })).IsSuccessStatusCode);
        var api = new JourneyApi(http);
        var (cardiologistToken, patientToken) = (await api.TokenAsync(cardiologist), await api.TokenAsync(patient));

        await using (var adminTab = await fixture.OpenAsync(device))
        {
            await adminTab.SignInAsync(admin.Email, admin.Password);
            await adminTab.GotoAsync("/admin?tab=assignments");
            await adminTab.Page.FillAsync("#assign-cardiologist", cardiologist.Email);
            await adminTab.Page.FillAsync("#assign-patient", patient.Email);
            await adminTab.Page.ClickAsync("#admin-assignments form button[type=submit]");
            await Assertions.Expect(adminTab.Page.Locator($"#admin-assignments tr[data-assignment]:has-text('{patient.Email}')")).ToContainTextAsync(cardiologist.Email);
            adminTab.AssertNoConsoleErrors();
        }

        // The patient pushes the recording from its page.
        await using var patientTab = await fixture.OpenAsync(device);
        await patientTab.SignInAsync(patient.Email, patient.Password);
        var recording = await People.UploadAsync(patientTab, SyntheticRecording(deviceName));
        await patientTab.GotoAsync($"/recordings/{recording}");
        await patientTab.Page.ClickAsync("#push-verification");
        await Assertions.Expect(patientTab.Page.Locator(".verification-requests li[data-status=Open]")).ToContainTextAsync("1 cardiologist");
        await WaitForAnalysisAsync(api, patientToken, recording);

        // The cardiologist's queue, then the recording in the verification mode.
        await using var tab = await fixture.OpenAsync(device);
        var page = tab.Page;
        await tab.SignInAsync(cardiologist.Email, cardiologist.Password);
        await page.WaitForURLAsync("**/verification");
        var row = page.Locator($"#verification-queue tr[data-recording='{recording}']");
        await Assertions.Expect(row).ToContainTextAsync(patient.Name);
        await Assertions.Expect(row).ToContainTextAsync("not started");
        await tab.ScreenshotAsync("verification-queue");
        await row.Locator("a").ClickAsync();
        var panel = page.Locator(".verify-panel");
        await Assertions.Expect(panel).ToHaveAttributeAsync("data-reviewed", "0");
        await tab.Viewer.WaitCompleteAsync();
        var setId = (await panel.GetAttributeAsync("data-set"))!;
        var aiBeats = await BeatsAsync(api, cardiologistToken, setId);

        // Beat 1 -> V, beat 2 -> S, beat 3 confirmed, beats 4-6 -> N (a selection on a desktop, one by one on a phone).
        if (device.Mobile)
        {
            foreach (var target in new[] { "[data-label=V]", "[data-label=S]", "[data-action=confirm]", "[data-label=N]", "[data-label=N]", "[data-label=N]" })
                await panel.Locator(target).ClickAsync();
        }
        else
        {
            foreach (var key in new[] { "V", "S", "Enter", "Shift+ArrowRight", "Shift+ArrowRight" }) await page.Keyboard.PressAsync(key);
            await Assertions.Expect(panel).ToHaveAttributeAsync("data-selected", "3");
            await page.Keyboard.PressAsync("N");
            await page.Keyboard.PressAsync("Escape");
        }
        await Assertions.Expect(panel).ToHaveAttributeAsync("data-reviewed", "6");

        // The current beat's AI cluster confirmed at once (K, or the cluster buttons).
        var cluster = aiBeats[5].GetProperty("ai").GetString()!;
        var inCluster = Enumerable.Range(0, aiBeats.Length).Where(i => aiBeats[i].GetProperty("ai").GetString() == cluster).ToList();
        if (device.Mobile)
        {
            await page.SelectOptionAsync("#verify-cluster", cluster);
            await panel.Locator("[data-action=cluster]").ClickAsync();
        }
        else await page.Keyboard.PressAsync("K");
        await Assertions.Expect(panel).ToHaveAttributeAsync("data-selected", inCluster.Count.ToString());
        if (device.Mobile) await panel.Locator("[data-action=confirm]").ClickAsync();
        else await page.Keyboard.PressAsync("Enter");
        var reviewed = inCluster.Union(Enumerable.Range(0, 6)).Count();
        await Assertions.Expect(panel).ToHaveAttributeAsync("data-reviewed", reviewed.ToString());

        // A missed beat: a click (tap) in the widest gap in view places the cursor, A (or "Add beat") adds an N there.
        await AddBeatInWidestGapAsync(tab, aiBeats);
        var added = long.Parse((await panel.GetAttributeAsync("data-current-sample"))!);
        await Assertions.Expect(panel).ToHaveAttributeAsync("data-beats", (aiBeats.Length + 1).ToString());
        await Assertions.Expect(panel).ToHaveAttributeAsync("data-reviewed", (++reviewed).ToString());
        await Assertions.Expect(panel).ToHaveAttributeAsync("data-saved", "true");
        await tab.ScreenshotAsync("verification-mode");

        // Saved as it went: a reload finds the progress; then sign off.
        await page.ReloadAsync();
        await Assertions.Expect(panel).ToHaveAttributeAsync("data-reviewed", reviewed.ToString());
        await Assertions.Expect(panel.Locator(".verify-counts")).ToContainTextAsync($"{reviewed} of {aiBeats.Length + 1} beats reviewed");
        await panel.Locator("[data-action=complete]").ClickAsync(); // the "confirm the rest" dialog is accepted
        await Assertions.Expect(panel).ToHaveAttributeAsync("data-completed", "true");
        await Assertions.Expect(panel.Locator(".verify-saved")).ToContainTextAsync("signed off");

        var labels = await BeatsAsync(api, cardiologistToken, setId);
        Assert.Equal(aiBeats.Select(b => b.GetProperty("sample").GetInt64()).Append(added).Order(), labels.Select(b => b.GetProperty("sample").GetInt64()));
        var extra = labels.Single(b => b.GetProperty("sample").GetInt64() == added);
        Assert.Equal(("N", JsonValueKind.Null), (extra.GetProperty("label").GetString(), extra.GetProperty("ai").ValueKind));
        Assert.Equal(["V", "S", aiBeats[2].GetProperty("ai").GetString(), "N", "N", "N"], labels.Take(6).Select(b => b.GetProperty("label").GetString()));
        Assert.All(labels, b => Assert.True(b.GetProperty("reviewed").GetBoolean()));
        var overview = await api.SendAsync(HttpMethod.Get, $"/api/recordings/{recording}/verification", patientToken);
        Assert.Equal(JsonValueKind.String, overview.GetProperty("sets")[0].GetProperty("completedAt").ValueKind);
        await AssertEditBodiesAreBoundedAsync(http, cardiologistToken, setId);
        await AssertInNextDatasetVersionAsync(http, await api.TokenAsync(admin), labels);
        tab.AssertNoConsoleErrors();
        patientTab.AssertNoConsoleErrors();
    }

    /// <summary>
    /// Clicks (taps) the trace midway in the widest gap in view between two beats after the fifth (moving on beat by
    /// beat until the view holds such a pair: a phone shows about 3.5 s), then adds a beat there.
    /// </summary>
    private static async Task AddBeatInWidestGapAsync(Tab tab, JsonElement[] beats)
    {
        var viewer = tab.Viewer;
        var times = beats.Select(b => b.GetProperty("time").GetDouble()).ToArray();
        for (var moves = 0; ; moves++)
        {
            // In the middle of the screen, clear of the sticky header, whatever the buttons scrolled.
            await tab.Page.EvalOnSelectorAsync(ViewerCanvas.Canvas, "c => c.scrollIntoView({ block: 'center' })");
            var box = (await tab.Page.Locator(ViewerCanvas.Canvas).BoundingBoxAsync())!;
            var (t0, left, pxPerSecond) = (await viewer.NumberAsync("t0"), await viewer.NumberAsync("left"), await viewer.NumberAsync("px-per-second"));
            var t1 = t0 + (box.Width - left) / pxPerSecond;
            var gaps = Enumerable.Range(5, times.Length - 6).Where(i => times[i] > t0 + 0.2 && times[i + 1] < t1 - 0.2).ToList();
            if (gaps.Count == 0)
            {
                Assert.True(moves < 20, "no two beats after the fifth came into view");
                await tab.Page.Locator(".verify-panel [data-action=next]").ClickAsync();
                await viewer.WaitCompleteAsync();
                continue;
            }
            var gap = gaps.MaxBy(i => times[i + 1] - times[i]);
            var (x, y) = (box.X + await viewer.XOfAsync((times[gap] + times[gap + 1]) / 2), box.Y + await viewer.NumberAsync("paper-top") + 40);
            if (tab.Device.Mobile)
            {
                await tab.Page.Touchscreen.TapAsync((float)x, (float)y);
                await tab.Page.Locator(".verify-panel [data-action=add]").ClickAsync();
            }
            else
            {
                await tab.Page.Mouse.ClickAsync((float)x, (float)y);
                await tab.Page.Keyboard.PressAsync("A");
            }
            return;
        }
    }

    /// <summary>
    /// The admin snapshots the next dataset version: its export's beats.csv holds a record (under its pseudonym) whose
    /// beats and classes are exactly the signed-off physician labels.
    /// </summary>
    private static async Task AssertInNextDatasetVersionAsync(HttpClient http, string adminToken, JsonElement[] labels)
    {
        using var snapshot = new HttpRequestMessage(HttpMethod.Post, "/api/datasets");
        snapshot.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", adminToken);
        using var created = await http.SendAsync(snapshot);
        Assert.True(created.IsSuccessStatusCode, $"dataset snapshot: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        using var export = new HttpRequestMessage(HttpMethod.Get, $"/api/datasets/{id}/export");
        export.Headers.Authorization = snapshot.Headers.Authorization;
        using var zip = await http.SendAsync(export);
        Assert.True(zip.IsSuccessStatusCode, $"export: {(int)zip.StatusCode}");
        using var archive = new System.IO.Compression.ZipArchive(await zip.Content.ReadAsStreamAsync());
        var entry = archive.Entries.Single(e => e.Name == "beats.csv");
        using var csv = new StreamReader(entry.Open());
        var rows = (await csv.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(','))
            .GroupBy(f => f[0]).Select(g => g.Select(f => $"{f[1]}:{f[3]}").ToList()).ToList();
        var expected = labels.Select(b => $"{b.GetProperty("sample").GetInt64()}:{b.GetProperty("label").GetString()}").ToList();
        Assert.Contains(rows, r => r.SequenceEqual(expected));
    }

    /// <summary>On Kestrel (the in-process test server has no body limits) an edit batch over 256 KB is refused unread.</summary>
    private static async Task AssertEditBodiesAreBoundedAsync(HttpClient http, string token, string set)
    {
        var samples = string.Join(",", Enumerable.Range(0, 40_000).Select(i => 1_000_000 + i));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/verification/sets/{set}/edits")
        {
            Content = new StringContent("{\"operations\":[{\"op\":\"confirm\",\"samples\":[" + samples + "]}]}", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    /// <summary>One minute of synthetic ECG with ventricular ectopy, as WFDB files.</summary>
    private static string[] SyntheticRecording(string tag)
    {
        var record = EcgSynthesizer.Generate(new SynthesisOptions
        {
            Name = $"ectopy-{tag}", Duration = TimeSpan.FromSeconds(60), Seed = 25, PvcProbability = 0.1, Start = new DateTime(2026, 11, 20, 9, 0, 0),
        });
        var folder = TestData.TempDir();
        RecordFiles.Write(record, Path.Combine(folder, record.Info.Name), "wfdb");
        return Directory.GetFiles(folder).Order().ToArray();
    }

    private static async Task WaitForAnalysisAsync(JourneyApi api, string token, string recording)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(Waits.Analysis);
        while ((await api.SendAsync(HttpMethod.Get, $"/api/recordings/{recording}/analysis", token)).GetProperty("job").GetProperty("state").GetString() != "Succeeded")
        {
            Assert.True(DateTime.UtcNow < deadline, "the analysis did not finish");
            await Task.Delay(250);
        }
    }

    private static async Task<JsonElement[]> BeatsAsync(JourneyApi api, string token, string set) =>
        (await api.SendAsync(HttpMethod.Get, $"/api/verification/sets/{set}", token)).GetProperty("beats").EnumerateArray().ToArray();
}
