using Einthoven.Learning;
using Einthoven.Learning.Layers;
using Einthoven.Models.Onnx;
using Einthoven.Models.TwelveLead;
using Einthoven.Server.Accounts;
using Einthoven.Server.BrowserTests.Hosting;
using Einthoven.TestSupport;
using Microsoft.Playwright;

namespace Einthoven.Server.BrowserTests;

/// <summary>
/// An admin opens the 12-lead models tab, sees the shipped classifier, is told every problem of a manifest that does not
/// fit its model, then registers a fitting one and finds it listed beside the shipped one.
/// </summary>
[Collection("browser")]
public sealed class ClassifiersJourneyTests(BrowserFixture fixture)
{
    private static readonly string[] Superclasses = ["NORM", "MI", "STTC", "CD", "HYP"];

    private static string Manifest(string name, int leads) => $$"""
        {
          "name": "{{name}}", "version": "1",
          "input": { "leads": [{{string.Join(",", TwelveLeadInput.StandardLeads.Take(leads).Select(l => $"\"{l}\""))}}], "rate_hz": 100, "length": 1000, "normalisation": "per-lead-zscore" },
          "output": { "activation": "sigmoid", "classes": [{{string.Join(",", Superclasses.Select(c => $"\"{c}\""))}}], "thresholds": [0.5, 0.5, 0.5, 0.5, 0.5] }
        }
        """;

    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task Admin_registers_an_onnx_model_after_a_refused_manifest(string deviceName)
    {
        var admin = People.New("onnx-admin");
        await fixture.Server.CreateUserAsync(admin.Email, admin.Password, admin.Name, Roles.Admin);
        var name = $"browser-{deviceName}";
        var network = new Network(new Sequential(new Conv1d(12, 4, 7, stride: 2, padding: 3), new BatchNorm1d(4), new Relu(), new GlobalAvgPool1d()),
            new Dense(4, Superclasses.Length), seed: (ulong)deviceName.Length);
        var folder = TestData.TempDir();
        var model = Path.Combine(folder, "model.onnx");
        File.WriteAllBytes(model, ShippedOnnxModels.ExportTwelveLead(network, OnnxManifest.Parse(Manifest(name, 12))).Model);
        var wrong = Path.Combine(folder, "wrong.json");
        File.WriteAllText(wrong, Manifest(name, 8));
        var right = Path.Combine(folder, "manifest.json");
        File.WriteAllText(right, Manifest(name, 12));

        await using var tab = await fixture.OpenAsync(BrowserFixture.DeviceNamed(deviceName));
        var page = tab.Page;
        await tab.SignInAsync(admin.Email, admin.Password);
        await page.WaitForURLAsync("**/admin");
        await tab.GotoAsync("/admin?tab=classifiers");
        await Assertions.Expect(page.Locator("tr[data-classifier^='einthoven-twelve-lead-']")).ToBeVisibleAsync();

        await page.SetInputFilesAsync("#onnx-model", model);
        await page.SetInputFilesAsync("#onnx-manifest", wrong);
        tab.ExpectConsoleError("status of 422.*/api/admin/classifiers/onnx");
        await page.Locator("#onnx-register button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator(".message.error")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("ul.errors li").First).ToContainTextAsync("input.leads");

        await page.SetInputFilesAsync("#onnx-model", model);
        await page.SetInputFilesAsync("#onnx-manifest", right);
        await page.Locator("#onnx-register button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator(".message.success")).ToContainTextAsync($"Registered {name}");
        await Assertions.Expect(page.Locator("tr[data-classifier^='onnx-']", new() { HasText = name })).ToBeVisibleAsync();
        await page.Locator("tr[data-classifier^='onnx-']", new() { HasText = name }).Locator("button", new() { HasText = "Use in analysis" }).ClickAsync();
        await Assertions.Expect(page.Locator("tr[data-classifier^='onnx-']", new() { HasText = name }).Locator(".badge", new() { HasText = "in use" })).ToBeVisibleAsync();
        await tab.ScreenshotAsync("classifiers");
        await page.Locator("tr[data-classifier^='einthoven-twelve-lead-'] button", new() { HasText = "Use in analysis" }).ClickAsync();
        await Assertions.Expect(page.Locator("tr[data-classifier^='einthoven-twelve-lead-'] .badge", new() { HasText = "in use" })).ToBeVisibleAsync();
        tab.AssertNoConsoleErrors();
    }
}
