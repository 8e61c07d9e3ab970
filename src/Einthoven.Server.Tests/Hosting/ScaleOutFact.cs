namespace Einthoven.Server.Tests.Hosting;

/// <summary>
/// A test of the scale-out profile: it needs a RabbitMQ broker (EINTHOVEN_TEST_RABBITMQ, an amqp:// URI) and
/// PostgreSQL (EINTHOVEN_TEST_PG). Without them it is skipped on a developer machine; in CI (CI=true) it runs and fails
/// with a clear message, so a missing broker cannot pass silently (.ci/run starts both).
/// </summary>
public sealed class ScaleOutFactAttribute : FactAttribute
{
    public ScaleOutFactAttribute()
    {
        if (!PostgresSettings.InCi && (RabbitMqSettings.Uri is null || PostgresSettings.ConnectionString is null))
            Skip = $"{RabbitMqSettings.Variable} and {PostgresSettings.Variable} are not both set (the scale-out tests run in CI; see .ci/run)";
    }
}

public static class RabbitMqSettings
{
    public const string Variable = "EINTHOVEN_TEST_RABBITMQ";

    public static string? Uri => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } uri ? uri : null;

    public static string Required => Uri ?? throw new InvalidOperationException($"{Variable} is not set, but CI=true: the scale-out tests must run in CI (.ci/run starts a broker)");

    /// <summary>Settings of the scale-out profile on the test broker.</summary>
    public static Dictionary<string, string?> Profile() => new()
    {
        ["Einthoven:Live:Bus"] = "RabbitMQ",
        ["Einthoven:Live:RabbitMqUri"] = Required,
        ["Einthoven:Live:Partitions"] = "4",
    };
}
