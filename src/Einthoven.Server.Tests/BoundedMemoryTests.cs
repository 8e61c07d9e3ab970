using Einthoven.Server.Recordings;
using Einthoven.Server.Tests.Hosting;
using Einthoven.Signal.Synthesis;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Einthoven.Server.Tests;

/// <summary>
/// Downloads stream: a 2-hour 12-lead 250 Hz recording (21.6 M samples, 86 MB as <c>int</c>, over 100 MB as CSV) is
/// written in every format while the memory the process holds stays within a fixed budget. Memory is sampled as live
/// bytes after a full collection, so garbage not yet collected does not count; the suite runs alone (its collection is
/// not parallel) so that other tests' memory does not either.
/// </summary>
public abstract class BoundedMemoryTests(Provider provider, ITestOutputHelper output)
{
    private const long BudgetBytes = 40L * 1024 * 1024;

    [ProviderFact]
    public async Task Downloading_a_two_hour_twelve_lead_recording_in_every_format_holds_a_bounded_amount_of_memory()
    {
        await using var host = new ServerHost(provider, new Dictionary<string, string?> { ["Einthoven:Analysis:RunWorker"] = "false" });
        var client = await host.NewPatientAsync("p@memory.local");
        client.Timeout = TimeSpan.FromMinutes(10); // memory is measured here, not speed: a busy machine may take over 100 s
        var id = await ImportAsync(host, (await (await client.GetAsync("/api/me")).JsonAsync()).Id());
        foreach (var format in new[] { "csv", "edf", "wfdb" })
        {
            long bytes = 0;
            var peak = await PeakLiveBytesAbove(async () =>
            {
                using var response = await client.GetAsync($"/api/recordings/{id}/download?format={format}", HttpCompletionOption.ResponseHeadersRead);
                response.EnsureSuccessStatusCode();
                await using var body = await response.Content.ReadAsStreamAsync();
                var buffer = new byte[1 << 16];
                for (int n; (n = await body.ReadAsync(buffer)) > 0;) bytes += n;
            });
            output.WriteLine($"{format}: {bytes:N0} bytes sent, {peak / 1e6:0.0} MB live above the start at most");
            Assert.True(bytes > 20_000_000, $"{format}: only {bytes:N0} bytes sent");
            Assert.True(peak < BudgetBytes, $"{format}: {peak / 1e6:0.0} MB held above the start while downloading, budget {BudgetBytes / 1e6:0} MB");
        }
        // The temporary files go once each response has completed (just after the client has read it).
        var downloads = Path.Combine(host.DataFolder, "downloads");
        for (var i = 0; i < 100 && Directory.GetDirectories(downloads).Length > 0; i++) await Task.Delay(50);
        Assert.Empty(Directory.GetDirectories(downloads));
    }

    private static async Task<Guid> ImportAsync(ServerHost host, Guid patient)
    {
        var twoMinutes = EcgSynthesizer.Generate(new SynthesisOptions
        {
            Name = "holter-2h", SamplingFrequency = 250, Duration = TimeSpan.FromMinutes(2), PvcProbability = 0.02, Seed = 9,
            Leads = ["I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6"],
        });
        await using var scope = host.Services.CreateAsyncScope();
        using var reader = new RepeatedRecord(twoMinutes, 2 * 3600 * 250);
        var (recording, _) = await scope.ServiceProvider.GetRequiredService<RecordingImporter>()
            .ImportAsync(patient, reader, "wfdb", "holter-2h.hea", CancellationToken.None);
        return recording.Id;
    }

    /// <summary>The most live managed memory seen while <paramref name="work"/> ran, above what was live before it.</summary>
    private static async Task<long> PeakLiveBytesAbove(Func<Task> work)
    {
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0;
        using var done = new CancellationTokenSource();
        var sampler = Task.Factory.StartNew(() =>
        {
            while (!done.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
                Thread.Sleep(20);
            }
        }, TaskCreationOptions.LongRunning);
        await work();
        done.Cancel();
        await sampler;
        return Math.Max(0, peak - baseline);
    }
}

[CollectionDefinition("bounded-memory", DisableParallelization = true)]
public sealed class BoundedMemoryCollection;

[Collection("bounded-memory")]
public sealed class SqliteBoundedMemoryTests(ITestOutputHelper output) : BoundedMemoryTests(Provider.Sqlite, output);

[Collection("bounded-memory"), UsesPostgres]
public sealed class PostgresBoundedMemoryTests(ITestOutputHelper output) : BoundedMemoryTests(Provider.Postgres, output);
