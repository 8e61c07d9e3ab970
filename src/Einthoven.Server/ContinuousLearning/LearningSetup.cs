using Einthoven.Server.Storage;
using Microsoft.AspNetCore.DataProtection;

namespace Einthoven.Server.ContinuousLearning;

/// <summary>The continuous-learning services (registry, datasets, retraining), their endpoints and their start-up work.</summary>
public static class LearningSetup
{
    public static void AddContinuousLearning(this IServiceCollection services, ServerOptions options)
    {
        services.AddSingleton(new ModelFiles(options.DataFolder));
        services.AddSingleton<ActiveModels>();
        services.AddSingleton(sp => new PseudonymKey(Path.Combine(options.DataFolder, "keys", "research-key.json"), sp.GetRequiredService<IDataProtectionProvider>()));
        services.AddScoped<ModelRegistry>();
        services.AddScoped<DatasetInputs>();
        services.AddScoped<DatasetVersions>();
        services.AddScoped<DatasetExport>();
        services.AddSingleton<RetrainingRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<RetrainingRunner>());
        if (options.Retraining.Enabled)
        {
            RetrainingScheduler.Parse(options.Retraining.Schedule); // a bad schedule stops the start, saying why
            services.AddHostedService<RetrainingScheduler>();
        }
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        ModelEndpoints.Map(app);
        RetrainingEndpoints.Map(app);
        DatasetEndpoints.Map(app);
    }

    /// <summary>After the migrations: the registry's champion is loaded (the shipped model registered on first start) and interrupted runs are failed.</summary>
    public static async Task StartAsync(IServiceProvider services, string dataFolder, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ModelRegistry>().BootstrapAsync(ct);
        await RetrainingRunner.SweepAsync(scope.ServiceProvider.GetRequiredService<AppDb>(), dataFolder,
            services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, ct);
    }
}
