using Xunit.Abstractions;
using Xunit.Sdk;

namespace Einthoven.Server.Tests.Hosting;

/// <summary>
/// A test that runs once per database provider (its class is the SQLite or the PostgreSQL variant of a suite). The
/// PostgreSQL variants need EINTHOVEN_TEST_PG; without it they are skipped on a developer machine but run - and fail
/// with a clear message - in CI (CI=true), so a missing database can never pass silently there.
/// </summary>
[XunitTestCaseDiscoverer("Einthoven.Server.Tests.Hosting.ProviderFactDiscoverer", "Einthoven.Server.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ProviderFactAttribute : FactAttribute;

/// <summary>Marks the PostgreSQL variant of a suite.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class UsesPostgresAttribute : Attribute;

public static class PostgresSettings
{
    public const string Variable = "EINTHOVEN_TEST_PG";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } cs ? cs : null;

    public static bool InCi => Einthoven.TestSupport.TestData.InCi;

    public static string? SkipReason =>
        ConnectionString is null && !InCi ? $"{Variable} is not set (the PostgreSQL variants run in CI; see .ci/run)" : null;

    public static string Required => ConnectionString
        ?? throw new InvalidOperationException($"{Variable} is not set, but CI=true: the PostgreSQL tests must run in CI (.ci/run starts a server and sets it)");
}

public sealed class ProviderFactDiscoverer(IMessageSink sink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions options, ITestMethod method, IAttributeInfo attribute)
    {
        var postgres = method.TestClass.Class.GetCustomAttributes(typeof(UsesPostgresAttribute)).Any();
        if (postgres && PostgresSettings.SkipReason is { } reason)
            return [new XunitSkippedDataRowTestCase(sink, options.MethodDisplayOrDefault(), options.MethodDisplayOptionsOrDefault(), method, reason)];
        return [new XunitTestCase(sink, options.MethodDisplayOrDefault(), options.MethodDisplayOptionsOrDefault(), method)];
    }
}
