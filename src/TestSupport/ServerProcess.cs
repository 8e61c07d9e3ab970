using System.Diagnostics;
using System.Net.Sockets;

namespace Einthoven.TestSupport;

/// <summary>
/// A real server process (<c>dotnet Einthoven.Server.dll</c>) on a free 127.0.0.1 port with the given settings, for
/// the scale-out tests and benchmarks: it can be killed with SIGKILL like a crashed machine. The server assembly is the
/// one built beside the caller (a project that references the server has it in its output folder).
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringWriter _log = new();

    private ServerProcess(Process process, Uri address) => (_process, Address) = (process, address);

    public Uri Address { get; }
    public string Log { get { lock (_log) return _log.ToString(); } }

    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var port = FreePort();
        var dll = Path.Combine(AppContext.BaseDirectory, "Einthoven.Server.dll");
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (k, v) in settings) start.Environment[k.Replace(":", "__")] = v;
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        var process = Process.Start(start)!;
        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"the server process exited ({process.ExitCode}):\n{server.Log}");
            try
            {
                if ((await http.GetAsync(new Uri(server.Address, "health"))).IsSuccessStatusCode) return server;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the server process did not answer /health in 90 s:\n{server.Log}");
            await Task.Delay(250);
        }
    }

    /// <summary>SIGKILL: no shutdown, no flush, like a machine that loses power.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) _log.WriteLine(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
