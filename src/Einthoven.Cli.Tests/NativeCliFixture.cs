using System.Diagnostics;
using Einthoven.TestSupport;

namespace Einthoven.Cli.Tests;

/// <summary>
/// The `einthoven` users install (src/Einthoven.Cli.Native, Native AOT), published once for the tests that use it, as
/// the README's install step publishes it; and a way to run it as a separate process.
/// </summary>
public sealed class NativeCliFixture
{
    public NativeCliFixture()
    {
        var directory = TestData.TempDir();
        var project = Path.Combine(TestData.RepoRoot, "src", "Einthoven.Cli.Native");
        var (code, output, error) = Execute("dotnet", ["publish", project, "-c", "Release", "-o", directory, "--nologo", "--disable-build-servers"], null);
        Assert.True(code == 0, $"dotnet publish of the native CLI failed:\n{output}\n{error}");
        Binary = Path.Combine(directory, "einthoven");
    }

    public string Binary { get; }

    /// <summary>Runs the published binary; <paramref name="fullCli"/> sets where it finds the full CLI (null: nowhere).</summary>
    public (int Code, string Out, string Err) Run(string[] args, string? fullCli = null) =>
        Execute(Binary, args, new() { ["EINTHOVEN_FULL_CLI"] = fullCli ?? "" });

    private static (int Code, string Out, string Err) Execute(string file, string[] args, Dictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment ?? []) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
