using Einthoven.TestSupport;
using Npgsql;

namespace Einthoven.Bench;

/// <summary>
/// The servers of a live benchmark: one in-process server (embedded profile), or that server and a child server
/// process sharing a fresh PostgreSQL database, a RabbitMQ broker and the data folder (scale-out profile).
/// </summary>
internal sealed class LiveCluster : IAsyncDisposable
{
    private ServerProcess? _child;
    private string? _database;

    public required BenchServer Main { get; init; }

    /// <summary>Device <paramref name="i"/>'s servers, first choice first (devices alternate between processes).</summary>
    public Uri[] AddressesFor(int i) => _child is null ? [Main.Address] : i % 2 == 0 ? [Main.Address, _child.Address] : [_child.Address, Main.Address];

    public static async Task<LiveCluster> StartAsync(bool scaleOut)
    {
        var settings = new Dictionary<string, string> { ["Einthoven:Live:MaxDevicesPerPatient"] = "10000" };
        if (!scaleOut) return new LiveCluster { Main = await BenchServer.StartAsync(settings: settings) };
        var admin = Environment.GetEnvironmentVariable("EINTHOVEN_TEST_PG") ?? throw new InvalidOperationException("--scale-out needs EINTHOVEN_TEST_PG (.ci/postgres.sh)");
        var broker = Environment.GetEnvironmentVariable("EINTHOVEN_TEST_RABBITMQ") ?? throw new InvalidOperationException("--scale-out needs EINTHOVEN_TEST_RABBITMQ (.ci/rabbitmq.sh)");
        var database = "einthoven_bench_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE {database}", connection).ExecuteNonQueryAsync();
        }
        settings["Einthoven:DatabaseProvider"] = "Postgres";
        settings["Einthoven:ConnectionString"] = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
        settings["Einthoven:Live:Bus"] = "RabbitMQ";
        settings["Einthoven:Live:RabbitMqUri"] = broker;
        settings["Einthoven:DataFolder"] = BenchServer.NewFolder();
        var main = await BenchServer.StartAsync(settings: settings);
        var child = new Dictionary<string, string?>(settings.Select(kv => KeyValuePair.Create(kv.Key, (string?)kv.Value)))
        {
            ["Einthoven:SeedDemo"] = "false", ["Einthoven:SignInPermitsPerMinute"] = "1000", ["Logging:LogLevel:Default"] = "Warning",
        };
        return new LiveCluster { Main = main, _child = await ServerProcess.StartAsync(child), _database = database };
    }

    public async ValueTask DisposeAsync()
    {
        if (_child is not null) await _child.DisposeAsync();
        await Main.DisposeAsync();
        if (_database is null) return;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("EINTHOVEN_TEST_PG"));
        await connection.OpenAsync();
        await new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection).ExecuteNonQueryAsync();
    }
}
