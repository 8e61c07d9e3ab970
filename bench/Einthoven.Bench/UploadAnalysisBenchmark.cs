using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Einthoven.Bench;

/// <summary>
/// Upload-to-analysed time of a 30-minute record (MIT-BIH 100, 2 leads, 360 Hz) over HTTP to the real server on
/// 127.0.0.1: multipart upload, storage, the queued analysis job, until its state is Succeeded. Median of 5 runs.
/// </summary>
internal static class UploadAnalysisBenchmark
{
    private const int Runs = 5;

    public static int Run(string[] args)
    {
        var record = Path.Combine(BenchData.MitDb(args), "100");
        return RunAsync(record).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(string record)
    {
        await using var server = await BenchServer.StartAsync();
        var uploads = new List<double>();
        var totals = new List<double>();
        var cpu = new List<double>();
        var process = Process.GetCurrentProcess();
        for (var run = 0; run < Runs; run++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            using var form = new MultipartFormDataContent();
            foreach (var ext in new[] { ".hea", ".dat", ".atr" })
                form.Add(new ByteArrayContent(await File.ReadAllBytesAsync(record + ext)), "files", "100" + ext);
            var response = await server.Client.PostAsync("/api/recordings", form);
            response.EnsureSuccessStatusCode();
            uploads.Add(sw.Elapsed.TotalMilliseconds);
            var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recording").GetProperty("id").GetGuid();
            string state;
            do
            {
                await Task.Delay(20);
                var analysis = await server.Client.GetFromJsonAsync<JsonElement>($"/api/recordings/{id}/analysis");
                state = analysis.GetProperty("job").GetProperty("state").GetString()!;
            } while (state is "Queued" or "Running");
            if (state != "Succeeded") throw new InvalidOperationException($"analysis ended {state}");
            totals.Add(sw.Elapsed.TotalMilliseconds);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
        }
        Console.WriteLine($"machine: {BenchData.Machine}");
        Console.WriteLine("MIT-BIH 100: 30 min 5 s, 2 leads, 360 Hz (650,000 samples per lead), SQLite, real HTTP on 127.0.0.1");
        Console.WriteLine($"upload stored (201):      median {Median(uploads):0} ms  (runs: {string.Join(", ", uploads.Select(u => u.ToString("0")))})");
        Console.WriteLine($"upload to analysed:       median {Median(totals):0} ms  (runs: {string.Join(", ", totals.Select(u => u.ToString("0")))})");
        // Server and client share the process: its CPU time bounds the server's from above and, unlike wall time, does
        // not grow when other programs use the cores.
        Console.WriteLine($"process cpu per run:      median {Median(cpu):0} ms  (runs: {string.Join(", ", cpu.Select(u => u.ToString("0")))})");
        return 0;
    }

    private static double Median(List<double> x) => x.Order().ElementAt(x.Count / 2);
}
