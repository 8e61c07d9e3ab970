using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Einthoven.Server.Storage;

/// <summary>Chooses the provider from configuration and brings the schema up to date with that provider's migrations.</summary>
public static class DatabaseSetup
{
    public static IServiceCollection AddEinthovenDatabase(this IServiceCollection services, ServerOptions options)
    {
        if (IsPostgres(options))
        {
            var cs = options.ConnectionString ?? throw new InvalidOperationException("Einthoven:ConnectionString is required for PostgreSQL");
            services.AddDbContext<AppDb, PostgresAppDb>(o => o.UseNpgsql(cs, n => n.EnableRetryOnFailure(3)).ReplaceService<IModelCacheKeyFactory, AtRestModelCacheKeyFactory>());
        }
        else
        {
            // A long upload holds the single SQLite writer lock; other writers wait for it rather than fail after 30 s.
            var file = Path.Combine(options.DataFolder, "einthoven.db");
            AtRest.FileModes.Private(file); // databases made before the server created its files privately
            var cs = options.ConnectionString ?? $"Data Source={file};Default Timeout=300";
            services.AddDbContext<AppDb, SqliteAppDb>(o => o.UseSqlite(cs).ReplaceService<IModelCacheKeyFactory, AtRestModelCacheKeyFactory>());
        }
        return services;
    }

    public static bool IsPostgres(ServerOptions options) =>
        string.Equals(options.DatabaseProvider, "Postgres", StringComparison.OrdinalIgnoreCase)
        || string.Equals(options.DatabaseProvider, "PostgreSQL", StringComparison.OrdinalIgnoreCase);

    public static async Task MigrateAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        await db.Database.MigrateAsync();
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;"); // readers do not wait for the analysis writer
    }
}
