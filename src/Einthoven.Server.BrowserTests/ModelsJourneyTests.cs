using Einthoven.Server.Accounts;
using Einthoven.Server.BrowserTests.Hosting;
using Einthoven.Server.ContinuousLearning;
using Einthoven.Server.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Einthoven.Server.BrowserTests;

/// <summary>
/// An admin opens the Models tab, promotes a challenger and rolls back (each after a confirmation), and the page says
/// which models the analysis runs; then snapshots a dataset version on the Datasets page and finds its export link.
/// </summary>
[Collection("browser")]
public sealed class ModelsJourneyTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task Admin_promotes_a_challenger_rolls_back_and_finds_the_dataset_export(string deviceName)
    {
        var admin = People.New("models-admin");
        await fixture.Server.CreateUserAsync(admin.Email, admin.Password, admin.Name, Roles.Admin);
        int challenger;
        await using (var scope = fixture.Server.Services.CreateAsyncScope())
            challenger = (await scope.ServiceProvider.GetRequiredService<ModelRegistry>()
                .RegisterAsync(ModelRegistry.Beats, TestModels.Challenger(), null, "{\"holdout_mean_f1_nsv\":0.81}", null, CancellationToken.None)).Version;

        await using var tab = await fixture.OpenAsync(BrowserFixture.DeviceNamed(deviceName));
        var page = tab.Page;
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await tab.SignInAsync(admin.Email, admin.Password);
        await page.WaitForURLAsync("**/admin");
        await tab.GotoAsync("/admin?tab=models");
        var row = page.Locator($"#admin-models tr[data-version='{challenger}']");
        await row.Locator("button", new() { HasText = "Promote" }).ClickAsync();
        await Assertions.Expect(page.Locator("#admin-models .message.success")).ToContainTextAsync($"Version {challenger} is the champion.");
        await Assertions.Expect(page.Locator($"#admin-models tr[data-version='{challenger}']")).ToHaveAttributeAsync("data-status", "Champion");
        await Assertions.Expect(page.Locator("#admin-models code.id").First).ToContainTextAsync($"-r{challenger}");
        await tab.ScreenshotAsync("models");

        await page.Locator("#admin-models button", new() { HasText = "Roll back" }).ClickAsync();
        await Assertions.Expect(page.Locator("#admin-models .message.success")).ToContainTextAsync("Rolled back to the previous champion.");
        await Assertions.Expect(page.Locator("#admin-models tr[data-version='1']")).ToHaveAttributeAsync("data-status", "Champion");
        await Assertions.Expect(page.Locator("#admin-models tr[data-version='1'] button")).ToHaveCountAsync(0);

        await tab.GotoAsync("/datasets");
        await page.Locator("main button", new() { HasText = "Snapshot now" }).ClickAsync();
        await Assertions.Expect(page.Locator("main .message.success")).ToContainTextAsync("Dataset version");
        await Assertions.Expect(page.Locator("main tr[data-dataset] a", new() { HasText = "Export" }).First).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^/api/datasets/[0-9a-f]{64}/export$"));
        await tab.ScreenshotAsync("datasets");
    }
}
