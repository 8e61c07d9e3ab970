using System.Net;
using Einthoven.Server.Accounts;
using Einthoven.Server.Storage;
using Einthoven.Server.Tests.Hosting;
using Einthoven.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.TestHost;

namespace Einthoven.Server.BrowserTests.Hosting;

/// <summary>
/// The real server on Kestrel at 127.0.0.1 on a free port, with a fresh SQLite database in a temporary folder, so
/// that a real browser can talk to it.
/// </summary>
public sealed class LiveServer : IAsyncDisposable
{
    private readonly Factory _factory;

    public LiveServer(IDictionary<string, string?>? settings = null)
    {
        DataFolder = TestData.TempDir();
        var all = TestSettings.For(DataFolder);
        // Every browser comes from 127.0.0.1: one locked-out address locks the account, as many addresses would in production.
        all["Einthoven:Lockout:AddressesPerAccount"] = "1";
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) all[k] = v;
        _factory = new Factory(all);
        _factory.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First(a => a.StartsWith("http://127.0.0.1", StringComparison.Ordinal)).TrimEnd('/');
    }

    public string BaseUrl { get; }
    public string DataFolder { get; }
    public IServiceProvider Services => _factory.Services;

    /// <summary>A doctor account (doctors are made by an admin; here directly through Identity).</summary>
    public Task CreateDoctorAsync(string email, string password, string name) => CreateUserAsync(email, password, name, Roles.Doctor);

    /// <summary>An account with one role, made directly through Identity (admins and doctors cannot register).</summary>
    public async Task CreateUserAsync(string email, string password, string name, string role)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { Id = Guid.NewGuid(), UserName = email, Email = email, DisplayName = name, CreatedAt = DateTime.UtcNow };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded) throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role);
    }

    public async Task<T> DbAsync<T>(Func<AppDb, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDb>());
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        try { Directory.Delete(DataFolder, recursive: true); }
        catch (IOException) { }
    }

    private sealed class Factory(IDictionary<string, string?> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            foreach (var (k, v) in settings) builder.UseSetting(k, v);
            // The notification outbox is its own part of the server (Notifications/); where it is missing, a recording stand-in.
            builder.ConfigureTestServices(s => s.TryAddSingleton<Einthoven.Server.Notifications.INotificationQueue, RecordingNotifications>());
        }
    }
}
