using System.Net.Http.Json;
using System.Text.Json;
using Einthoven.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Einthoven.Bench;

/// <summary>The real server on 127.0.0.1 (a free port) with SQLite in a temporary folder, and one signed-in patient.</summary>
internal sealed class BenchServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _folder;

    private BenchServer(WebApplication app, string folder, HttpClient client)
    {
        _app = app;
        _folder = folder;
        Client = client;
    }

    public HttpClient Client { get; }
    public Uri Address => Client.BaseAddress!;
    public IServiceProvider Services => _app.Services;

    public static async Task<BenchServer> StartAsync(bool runWorker = true, IReadOnlyDictionary<string, string>? settings = null)
    {
        var folder = settings?.GetValueOrDefault("Einthoven:DataFolder") ?? NewFolder();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Bench" });
        builder.Configuration["Einthoven:DataFolder"] = folder;
        builder.Configuration["Einthoven:SeedDemo"] = "false";
        builder.Configuration["Einthoven:SignInPermitsPerMinute"] = "1000";
        builder.Configuration["Einthoven:Analysis:PollInterval"] = "00:00:00.050";
        builder.Configuration["Einthoven:Analysis:RunWorker"] = runWorker.ToString();
        builder.Configuration["Logging:LogLevel:Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.Configuration[key] = value;
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddEinthoven();
        var app = builder.Build();
        await app.UseEinthovenAsync();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(10) };
        var user = new { email = "bench@bench.local", password = "Bench-Pass-123" };
        (await client.PostAsJsonAsync("/api/auth/register", user)).EnsureSuccessStatusCode();
        var token = await (await client.PostAsJsonAsync("/api/auth/token", user)).Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token.GetProperty("token").GetString());
        return new BenchServer(app, folder, client);
    }

    public static string NewFolder() => Path.Combine(Path.GetTempPath(), "einthoven-bench", Guid.NewGuid().ToString("N"));

    public async Task<Guid> PatientIdAsync() =>
        (await Client.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("id").GetGuid();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
