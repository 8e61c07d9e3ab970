using System.Diagnostics;

namespace Einthoven.Cli;

/// <summary>
/// The full CLI (src/Einthoven.Cli), published in <c>full/</c> beside this binary or named by $EINTHOVEN_FULL_CLI:
/// runs it with the same arguments and standard streams, and returns its exit code.
/// </summary>
internal static class FullCli
{
    public const string Variable = "EINTHOVEN_FULL_CLI";

    public static int Run(string[] args)
    {
        var path = Locate();
        if (path is null)
        {
            Console.Error.WriteLine($"error: this command needs the full CLI, which is not installed: publish src/Einthoven.Cli to {Path.Combine(AppContext.BaseDirectory, "full")} (see the README's Install) or set {Variable}");
            return CliRunner.ExitCodes.Failed;
        }
        var start = path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? new ProcessStartInfo("dotnet") { ArgumentList = { path } } : new ProcessStartInfo(path);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        process.WaitForExit();
        return process.ExitCode;
    }

    private static string? Locate()
    {
        var configured = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrEmpty(configured)) return File.Exists(configured) ? configured : null;
        var beside = Path.Combine(AppContext.BaseDirectory, "full", OperatingSystem.IsWindows() ? "einthoven.exe" : "einthoven");
        return File.Exists(beside) ? beside : null;
    }
}
