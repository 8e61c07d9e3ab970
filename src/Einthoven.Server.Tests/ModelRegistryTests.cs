using System.Net;
using Einthoven.Models.Analysis;
using Einthoven.Models.Beats;
using Einthoven.Server.Accounts;
using Einthoven.Server.ContinuousLearning;
using Einthoven.Server.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Einthoven.Server.Tests;

/// <summary>
/// The model registry on a server of its own (promotions change what every analysis runs): the shipped model is
/// version 1 and champion on first start; promotion and rollback switch the analysis without a restart, and a
/// rollback gives back the previous version's exact beat labels.
/// </summary>
public sealed class ModelRegistryTests : IAsyncLifetime
{
    private ServerHost _host = null!;
    private HttpClient _admin = null!;
    private HttpClient _patient = null!;

    public async Task InitializeAsync()
    {
        _host = new ServerHost(Provider.Sqlite, new Dictionary<string, string?> { ["Einthoven:Retraining:Enabled"] = "false" });
        await _host.CreateUserAsync("registry-admin@test.local", "Admin-Pass-123", Roles.Admin);
        _admin = await _host.SignInAsync("registry-admin@test.local", "Admin-Pass-123");
        _patient = await _host.NewPatientAsync("registry-patient@test.local");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_shipped_model_is_version_1_and_champion_on_first_start()
    {
        var registry = await (await _admin.GetAsync("/api/models/beats")).JsonAsync();
        var shipped = registry.GetProperty("versions").EnumerateArray().Single(v => v.GetProperty("version").GetInt32() == 1);
        Assert.Equal("Champion", shipped.Str("status"));
        Assert.Equal(ActiveModels.ShippedSha, shipped.Str("weightsSha256"));
        Assert.Equal(JsonValueKindNull, shipped.GetProperty("datasetVersionId").ValueKind);
        Assert.True(shipped.GetProperty("metrics").GetProperty("cv_accuracy").GetDouble() > 0.5);
        Assert.Equal(ModelAnalyzer.Shipped.Name, registry.Str("runningAnalyzer"));
        Assert.Contains(registry.GetProperty("events").EnumerateArray(), e => e.Str("action") == "registered" && e.Str("reason") == "the shipped model");
        Assert.True(File.Exists(Path.Combine(_host.DataFolder, "models", "beats", ActiveModels.ShippedSha, "beats.card.json")));
        Assert.True(File.Exists(Path.Combine(_host.DataFolder, "models", "beats", ActiveModels.ShippedSha, "beats.safetensors")));
    }

    [Fact]
    public async Task Promotion_and_rollback_switch_the_analysis_without_restart_and_rollback_restores_the_exact_labels()
    {
        var upload = await (await _patient.UploadAsync(TestRecords.WfdbFiles(TestRecords.Synthetic("registry", seconds: 60, seed: 7, pvc: 0.1))))
            .JsonAsync(HttpStatusCode.Created);
        var recording = upload.GetProperty("recording").Id();
        var before = await AnalysedAsync(recording);
        Assert.Equal(ModelAnalyzer.Shipped.Name, before.Analyzer);

        var challenger = await RegisterAsync(TestModels.Challenger());
        var promoted = await (await _admin.PostJsonAsync($"/api/models/beats/{challenger}/promote", new { reason = "trial" })).JsonAsync();
        Assert.Equal(challenger, promoted.GetProperty("championVersion").GetInt32());
        Assert.Contains($"beats-7-r{challenger}", promoted.Str("runningAnalyzer"));
        var after = await AnalysedAsync(recording, rerun: true);
        Assert.Contains($"beats-7-r{challenger}", after.Analyzer);
        Assert.NotEqual(before.Labels, after.Labels);

        var rolledBack = await (await _admin.PostJsonAsync("/api/models/beats/rollback", new { reason = "worse on ward 3" })).JsonAsync();
        Assert.Equal(1, rolledBack.GetProperty("championVersion").GetInt32());
        var again = await AnalysedAsync(recording, rerun: true);
        Assert.Equal(ModelAnalyzer.Shipped.Name, again.Analyzer);
        Assert.Equal(before.Labels, again.Labels); // beat for beat: sample and class

        var history = rolledBack.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(("rolled-back", 1, challenger, "registry-admin@test.local", "worse on ward 3"),
            (history[0].Str("action"), history[0].GetProperty("version").GetInt32(), history[0].GetProperty("previousChampion").GetInt32(), history[0].Str("by"), history[0].Str("reason")));
        var versions = rolledBack.GetProperty("versions").EnumerateArray().ToDictionary(v => v.GetProperty("version").GetInt32());
        Assert.Equal("Retired", versions[challenger].Str("status"));
        Assert.True(versions[challenger].GetProperty("rolledBack").GetBoolean());
        // Nothing earlier is left to roll back to; promoting the champion again is refused too.
        Assert.Equal(409, (int)(await _admin.PostJsonAsync("/api/models/beats/rollback", new { })).StatusCode);
        Assert.Equal(409, (int)(await _admin.PostJsonAsync("/api/models/beats/1/promote", new { })).StatusCode);
        Assert.Equal(404, (int)(await _admin.PostJsonAsync("/api/models/beats/99/promote", new { })).StatusCode);
    }

    [Fact]
    public async Task A_version_whose_weights_were_altered_is_not_promoted()
    {
        var version = await RegisterAsync(TestModels.Challenger(classScales: "1,1000,1,1,1"));
        var sha = await _host.DbAsync(db => Task.FromResult(db.ModelVersions.Single(m => m.Version == version).WeightsSha256));
        var weights = Path.Combine(_host.DataFolder, "models", "beats", sha, "beats.safetensors");
        File.SetUnixFileMode(weights, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await using (var stream = File.OpenWrite(weights)) { stream.Seek(-4, SeekOrigin.End); stream.Write([1, 2, 3, 4]); }
        var answer = await _admin.PostJsonAsync($"/api/models/beats/{version}/promote", new { });
        Assert.Equal(422, (int)answer.StatusCode);
        Assert.Contains("SHA-256", await answer.Content.ReadAsStringAsync());
        Assert.Equal(1, (await (await _admin.GetAsync("/api/models/beats")).JsonAsync()).GetProperty("championVersion").GetInt32());
    }

    private static readonly System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    private async Task<int> RegisterAsync(string card)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var model = await scope.ServiceProvider.GetRequiredService<ModelRegistry>().RegisterAsync(ModelRegistry.Beats, card, null, "{}", null, CancellationToken.None);
        return model.Version;
    }

    private async Task<(string Analyzer, List<(long, AamiClass)> Labels)> AnalysedAsync(Guid recording, bool rerun = false)
    {
        if (rerun) (await _patient.PostAsync($"/api/recordings/{recording}/analysis", null)).EnsureSuccessStatusCode();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var analysis = await (await _patient.GetAsync($"/api/recordings/{recording}/analysis")).JsonAsync();
            var state = analysis.GetProperty("job").Str("state");
            if (state == "Succeeded") return (analysis.Str("analyzer"), await Verifications.AiBeatsAsync(_host, recording));
            Assert.NotEqual("Failed", state);
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"analysis still {state}");
            await Task.Delay(100);
        }
    }
}
