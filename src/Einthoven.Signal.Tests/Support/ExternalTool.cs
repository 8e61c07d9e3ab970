using System.Diagnostics;

namespace Einthoven.Signal.Tests.Support;

/// <summary>Runs an installed command-line tool (an independent implementation a test cross-checks against).</summary>
internal static class ExternalTool
{
    public static bool OnPath(string tool) => (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator).Any(dir => File.Exists(Path.Combine(dir, tool)));

    /// <summary>Runs <paramref name="tool"/> to its end (at most two minutes) and returns its exit code and output.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill();
            throw new TimeoutException($"{tool} did not finish within 120 s");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
