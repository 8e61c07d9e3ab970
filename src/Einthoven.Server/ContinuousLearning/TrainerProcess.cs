using System.ComponentModel;
using System.Diagnostics;

namespace Einthoven.Server.ContinuousLearning;

/// <summary>How a trainer process ended: its exit code (null when it was killed), the tail of its standard error, and why it was killed.</summary>
public sealed record TrainerOutcome(int? ExitCode, string StderrTail, bool TimedOut, bool Cancelled);

/// <summary>
/// Launches the trainer as a child process at the lowest priority (<see cref="ProcessPriorityClass.Idle"/>, nice 19 on
/// Linux, set right after start), so training never takes the CPU from the server; waits for it with a timeout, and
/// kills it with its children on timeout or shutdown. Only the last lines of its standard error are kept.
/// </summary>
public static class TrainerProcess
{
    private const int TailCharacters = 4000;

    /// <summary>
    /// The trainer of <paramref name="configured"/>, else <c>trainer/einthoven.dll</c> beside the server's assembly
    /// (its build copies the CLI there), else <c>einthoven.dll</c> beside it; null when there is none.
    /// </summary>
    public static string? Locate(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        return new[] { Path.Combine(AppContext.BaseDirectory, "trainer", "einthoven.dll"), Path.Combine(AppContext.BaseDirectory, "einthoven.dll") }
            .FirstOrDefault(File.Exists);
    }

    /// <summary>A .dll runs with the dotnet host this server runs on; anything else is executed as it is.</summary>
    public static ProcessStartInfo StartInfo(string command, IEnumerable<string> arguments, string workingDirectory)
    {
        var dll = command.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var info = new ProcessStartInfo(dll ? DotnetHost() : command)
        {
            RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        if (dll) info.ArgumentList.Add(command);
        foreach (var a in arguments) info.ArgumentList.Add(a);
        return info;
    }

    public static async Task<TrainerOutcome> RunAsync(ProcessStartInfo start, TimeSpan timeout, ILogger log, CancellationToken ct)
    {
        using var process = new Process { StartInfo = start };
        var tail = new Tail(TailCharacters);
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) tail.Add(e.Data); };
        process.OutputDataReceived += (_, _) => { }; // read and dropped, so that a chatty trainer never blocks on a full pipe
        process.Start();
        try { process.PriorityClass = ProcessPriorityClass.Idle; }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException or PlatformNotSupportedException)
        {
            log.LogWarning("the trainer (process {Pid}) runs at normal priority: {Reason}", process.Id, e.Message);
        }
        process.StandardInput.Close();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        using var deadline = new CancellationTokenSource(timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        try
        {
            await process.WaitForExitAsync(linked.Token);
            await process.WaitForExitAsync(CancellationToken.None); // the output readers drain
            return new TrainerOutcome(process.ExitCode, tail.Text, false, false);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); }
            catch (InvalidOperationException) { } // it ended by itself meanwhile
            await process.WaitForExitAsync(CancellationToken.None);
            return new TrainerOutcome(null, tail.Text, deadline.IsCancellationRequested && !ct.IsCancellationRequested, ct.IsCancellationRequested);
        }
    }

    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)) return host;
        var self = Environment.ProcessPath;
        return self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }

    /// <summary>The last characters of a stream of lines.</summary>
    private sealed class Tail(int capacity)
    {
        private readonly LinkedList<string> _lines = new();
        private int _length;

        public void Add(string line)
        {
            lock (_lines)
            {
                _lines.AddLast(line);
                _length += line.Length + 1;
                while (_length > capacity && _lines.Count > 1)
                {
                    _length -= _lines.First!.Value.Length + 1;
                    _lines.RemoveFirst();
                }
            }
        }

        public string Text
        {
            get { lock (_lines) return string.Join('\n', _lines); }
        }
    }
}
