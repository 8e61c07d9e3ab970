using Einthoven.Server.Accounts;
using Einthoven.Server.Storage;
using Einthoven.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Einthoven.Server.Tests.Hosting;

public enum Provider { Sqlite, Postgres }

/// <summary>
/// One in-process server on a fresh database: a new SQLite file, or a new PostgreSQL database created on the server
/// named by EINTHOVEN_TEST_PG and dropped afterwards.
/// </summary>
public sealed class ServerHost : IAsyncDisposable
{
    private readonly Factory _factory;
    private readonly string? _postgresDatabase;

    public ServerHost(Provider provider, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        Provider = provider;
        DataFolder = TestData.TempDir();
        var all = TestSettings.For(DataFolder);
        if (provider == Provider.Postgres)
        {
            var admin = new NpgsqlConnectionStringBuilder(PostgresSettings.Required);
            _postgresDatabase = "einthoven_test_" + Guid.NewGuid().ToString("N")[..12];
            all["Einthoven:DatabaseProvider"] = "Postgres";
            all["Einthoven:ConnectionString"] = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = _postgresDatabase }.ConnectionString;
        }
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) all[k] = v;
        Settings = all;
        _factory = new Factory(all, services);
        _ = _factory.Server; // start now: migrations run here, failures surface in the fixture
    }

    public Provider Provider { get; }
    public string DataFolder { get; }
    /// <summary>The settings this server runs with (a server process joining it in the scale-out profile takes them too).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; }
    public IServiceProvider Services => _factory.Services;

    public HttpClient Client(string? bearer = null)
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        if (bearer is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", bearer);
        return client;
    }

    public HttpMessageHandler Handler() => _factory.Server.CreateHandler();

    /// <summary>Opens a WebSocket to this in-process server (the device side of live ingest).</summary>
    public Task<System.Net.WebSockets.WebSocket> WebSocketAsync(Uri uri, CancellationToken ct) =>
        _factory.Server.CreateWebSocketClient().ConnectAsync(uri, ct);

    /// <summary>The server's own origin as a browser on it names it in the Origin header.</summary>
    public const string Origin = "http://localhost";

    /// <summary>Signs in with the session cookie, as the web UI does; the client then sends this server's Origin, as a browser would.</summary>
    public async Task<HttpClient> CookieClientAsync(string email, string password)
    {
        var client = Client();
        await (await client.PostJsonAsync("/api/auth/login", new { email, password })).JsonAsync();
        client.DefaultRequestHeaders.Add("Origin", Origin);
        return client;
    }

    /// <summary>Registers a patient and returns a client signed in with a token of theirs.</summary>
    public async Task<HttpClient> NewPatientAsync(string email)
    {
        var anonymous = Client();
        await (await anonymous.PostJsonAsync("/api/auth/register", new { email, password = "Patient-Pass-123" })).JsonAsync(System.Net.HttpStatusCode.Accepted);
        var token = await (await anonymous.PostJsonAsync("/api/auth/token", new { email, password = "Patient-Pass-123" })).JsonAsync(System.Net.HttpStatusCode.Created);
        return Client(token.Str("token"));
    }

    /// <summary>Creates a doctor (as an admin would make one) and returns a client signed in with a token of theirs.</summary>
    public async Task<HttpClient> NewDoctorAsync(string email)
    {
        const string password = "Doctor-Pass-123";
        await using (var scope = Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { Id = Guid.NewGuid(), UserName = email, Email = email, DisplayName = email.Split('@')[0], CreatedAt = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(user, password)).Succeeded);
            await users.AddToRoleAsync(user, Roles.Doctor);
        }
        var token = await (await Client().PostJsonAsync("/api/auth/token", new { email, password })).JsonAsync(System.Net.HttpStatusCode.Created);
        return Client(token.Str("token"));
    }

    /// <summary>Creates an account directly through Identity (admins cannot register) and returns its id.</summary>
    public async Task<Guid> CreateUserAsync(string email, string password, string role)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { Id = Guid.NewGuid(), UserName = email, Email = email, DisplayName = role, CreatedAt = DateTime.UtcNow };
        Assert.True((await users.CreateAsync(user, password)).Succeeded);
        await users.AddToRoleAsync(user, role);
        return user.Id;
    }

    /// <summary>Signs in with a password and returns a client that carries a fresh token.</summary>
    public async Task<HttpClient> SignInAsync(string email, string password)
    {
        var token = await (await Client().PostJsonAsync("/api/auth/token", new { email, password, name = "tests" })).JsonAsync(System.Net.HttpStatusCode.Created);
        return Client(token.Str("token"));
    }

    /// <summary>Runs <paramref name="work"/> against the host's database, in its own scope.</summary>
    public async Task<T> DbAsync<T>(Func<AppDb, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDb>());
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(PostgresSettings.Required);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresDatabase} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        try { Directory.Delete(DataFolder, recursive: true); }
        catch (IOException) { }
    }

    private sealed class Factory(IDictionary<string, string?> settings, Action<IServiceCollection>? services) : WebApplicationFactory<ServerOptions>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            foreach (var (k, v) in settings) builder.UseSetting(k, v);
            // The notification outbox is its own part of the server (Notifications/); where it is missing, a recording stand-in.
            builder.ConfigureTestServices(s => s.TryAddSingleton<Einthoven.Server.Notifications.INotificationQueue, RecordingNotifications>());
            if (services is not null) builder.ConfigureTestServices(services);
        }
    }
}
