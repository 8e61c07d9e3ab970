namespace Einthoven.Server.Tests.Hosting;

/// <summary>One server and its <see cref="World"/> per provider, shared by every suite of that provider's collection.</summary>
public abstract class ServerFixture(Provider provider) : IAsyncLifetime
{
    private ServerHost? _host;
    private World? _world;

    public Provider Provider { get; } = provider;
    public ServerHost Host => _host ?? throw new InvalidOperationException("fixture not initialised");
    public World World => _world ?? throw new InvalidOperationException("fixture not initialised");

    public async Task InitializeAsync()
    {
        if (Provider == Provider.Postgres && PostgresSettings.SkipReason is not null) return; // every test of this variant is skipped
        _host = new ServerHost(Provider);
        _world = await World.CreateAsync(_host);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null) await _host.DisposeAsync();
    }
}

public sealed class SqliteFixture() : ServerFixture(Provider.Sqlite);

public sealed class PostgresFixture() : ServerFixture(Provider.Postgres);

[CollectionDefinition("sqlite")]
public sealed class SqliteCollection : ICollectionFixture<SqliteFixture>;

[CollectionDefinition("postgres")]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>;
