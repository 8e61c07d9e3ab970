using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Einthoven.Learning;
using Einthoven.Learning.Layers;
using Einthoven.Models.Onnx;
using Einthoven.Models.TwelveLead;
using Einthoven.Server.Accounts;
using Einthoven.Server.Classification;
using Einthoven.Server.Tests.Hosting;
using Einthoven.Signal.Formats;
using Einthoven.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Einthoven.Server.Tests;

/// <summary>
/// Admins register ONNX models with a manifest on a server of their own: a valid exported model is stored, listed,
/// served through <see cref="ClassifierCatalog"/> and survives a restart; a manifest that does not fit the model is a
/// 4xx naming what is wrong, at registration.
/// </summary>
public sealed class ClassifierRegistrationTests : IAsyncLifetime
{
    private static readonly string[] Superclasses = ["NORM", "MI", "STTC", "CD", "HYP"];
    private ServerHost _host = null!;
    private HttpClient _admin = null!;
    private HttpClient _patient = null!;

    public async Task InitializeAsync()
    {
        _host = new ServerHost(Provider.Sqlite, new Dictionary<string, string?> { ["Einthoven:Retraining:Enabled"] = "false" });
        await _host.CreateUserAsync("onnx-admin@test.local", "Admin-Pass-123", Roles.Admin);
        _admin = await _host.SignInAsync("onnx-admin@test.local", "Admin-Pass-123");
        _patient = await _host.NewPatientAsync("onnx-patient@test.local");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Valid_model_is_registered_listed_served_and_deleted()
    {
        var response = await _admin.SendAsync(Registration(Model(), Manifest()));
        var created = await response.JsonAsync(HttpStatusCode.Created);
        var id = created.Str("id");
        Assert.StartsWith("onnx-", id);
        Assert.Equal(12, created.GetProperty("input").GetProperty("leads").GetArrayLength());

        var list = await (await _patient.GetAsync("/api/classifiers")).JsonAsync();
        Assert.Contains(list.EnumerateArray(), c => c.Str("id") == id && c.GetProperty("classes").GetArrayLength() == 5);

        var catalog = _host.Services.GetRequiredService<ClassifierCatalog>();
        var record = RecordFiles.Read(Path.Combine(TestData.PtbXl, "records100", "00000", "00001_lr.hea"));
        var prediction = catalog.Find(id)!.Classifier.Classify(record);
        Assert.Equal(Superclasses, prediction.Statements.Select(s => s.Code));
        Assert.All(prediction.Statements, s => Assert.InRange(s.Probability, 0, 1));
        Assert.True(File.Exists(Path.Combine(_host.DataFolder, "classifiers", "onnx", id, "model.onnx")));

        var again = await _admin.SendAsync(Registration(Model(), Manifest()));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/admin/classifiers/onnx/{id}")).StatusCode);
        Assert.Null(catalog.Find(id));
        Assert.False(Directory.Exists(Path.Combine(_host.DataFolder, "classifiers", "onnx", id)));
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.DeleteAsync($"/api/admin/classifiers/onnx/{id}")).StatusCode);
    }

    [Fact]
    public async Task The_analysis_runs_the_onnx_model_an_admin_chooses_and_the_choice_survives_a_restart()
    {
        var id = (await (await _admin.SendAsync(Registration(Model(), Manifest()))).JsonAsync(HttpStatusCode.Created)).Str("id");
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.PutAsJsonAsync("/api/admin/classifiers/analysis", new { id = "onnx-000000000000" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _patient.PutAsJsonAsync("/api/admin/classifiers/analysis", new { id })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.PutAsJsonAsync("/api/admin/classifiers/analysis", new { id })).StatusCode);
        var list = await (await _admin.GetAsync("/api/admin/classifiers")).JsonAsync();
        Assert.Equal([id], list.GetProperty("classifiers").EnumerateArray().Where(c => c.GetProperty("usedByAnalysis").GetBoolean()).Select(c => c.Str("id")));

        var stem = Path.Combine(TestData.PtbXl, "records100", "00000", "00010_lr");
        var recording = (await (await _patient.UploadAsync([stem + ".hea", stem + ".dat"])).JsonAsync(HttpStatusCode.Created)).GetProperty("recording").Id();
        var analysis = await _patient.AnalysisAsync(recording, 120);
        var statements = analysis.GetProperty("summary").GetProperty("statements");
        Assert.Equal("test-superclasses-1", statements.Str("model"));
        Assert.Equal(Superclasses, statements.GetProperty("statements").EnumerateArray().Select(x => x.Str("code")));
        Assert.Contains(analysis.GetProperty("summary").GetProperty("models").EnumerateArray(), m => m.Str("name") == "test-superclasses");

        using var reloaded = new ClassifierCatalog([], new ServerOptions { DataFolder = _host.DataFolder }, TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<ClassifierCatalog>.Instance);
        Assert.Equal(id, reloaded.ForAnalysis!.Id);
        var shipped = _host.Services.GetRequiredService<ClassifierCatalog>().All.First(e => e.Kind == ClassifierEntry.Shipped).Id;
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.PutAsJsonAsync("/api/admin/classifiers/analysis", new { id = shipped })).StatusCode);
        Assert.Equal(shipped, _host.Services.GetRequiredService<ClassifierCatalog>().ForAnalysis!.Id);
    }

    [Fact]
    public async Task Stored_models_are_loaded_again_at_start_up()
    {
        var created = await (await _admin.SendAsync(Registration(Model(), Manifest()))).JsonAsync(HttpStatusCode.Created);
        using var reloaded = new ClassifierCatalog([], new ServerOptions { DataFolder = _host.DataFolder }, TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<ClassifierCatalog>.Instance);
        Assert.Equal("test-superclasses-1", reloaded.Find(created.Str("id"))!.Classifier.Version);
    }

    [Theory]
    [InlineData(8, null, "input.leads: the manifest lists 8 leads but the model's input 'signal' takes 12")]
    [InlineData(12, "AFIB", "unknown class 'AFIB'")]
    [InlineData(12, "XYZ", "output.classes[4]: unknown class 'XYZ': not a PTB-XL SCP-ECG statement")]
    public async Task Manifest_errors_are_a_422_naming_them_at_registration(int leads, string? lastClass, string message)
    {
        var classes = lastClass is null ? Superclasses : [.. Superclasses[..4], lastClass];
        var response = await _admin.SendAsync(Registration(Model(), Manifest(leads, classes)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
        Assert.Empty(_host.Services.GetRequiredService<ClassifierCatalog>().All.Where(e => e.Kind == ClassifierEntry.Onnx));
    }

    [Fact]
    public async Task Missing_parts_are_a_400_naming_the_field()
    {
        var form = new MultipartFormDataContent { { new StringContent(Manifest()), "manifest" } };
        var response = await _admin.PostAsync("/api/admin/classifiers/onnx", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'model'", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Only_admins_register()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await _patient.SendAsync(Registration(Model(), Manifest()))).StatusCode);
        using var anonymous = _host.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(Registration(Model(), Manifest()))).StatusCode);
    }

    internal static HttpRequestMessage Registration(byte[] model, string manifest)
    {
        var file = new ByteArrayContent(model);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var manifestFile = new StringContent(manifest);
        manifestFile.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new HttpRequestMessage(HttpMethod.Post, "/api/admin/classifiers/onnx")
        {
            Content = new MultipartFormDataContent { { file, "model", "model.onnx" }, { manifestFile, "manifest", "manifest.json" } },
        };
    }

    internal static byte[] Model()
    {
        var network = new Network(
            new Sequential(new Conv1d(12, 8, 7, stride: 2, padding: 3), new BatchNorm1d(8), new Relu(), new MaxPool1d(2), new ResidualBlock(8, 8, 5), new GlobalAvgPool1d()),
            new Dense(8, Superclasses.Length), seed: 5);
        return ShippedOnnxModels.ExportTwelveLead(network, OnnxManifest.Parse(Manifest())).Model;
    }

    internal static string Manifest(int leads = 12, string[]? classes = null) => $$"""
        {
          "name": "test-superclasses", "version": "1",
          "input": { "leads": [{{string.Join(",", TwelveLeadInput.StandardLeads.Take(leads).Select(l => $"\"{l}\""))}}], "rate_hz": 100, "length": 1000, "normalisation": "none" },
          "output": { "activation": "sigmoid", "classes": [{{string.Join(",", (classes ?? Superclasses).Select(c => $"\"{c}\""))}}], "thresholds": [0.5, 0.5, 0.5, 0.5, 0.5] }
        }
        """;
}
