using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Einthoven.Devices;
using Einthoven.Server.Accounts;
using Einthoven.Server.Monitoring;
using Einthoven.Server.Storage;
using Einthoven.Signal.Formats;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Einthoven.Bench;

/// <summary>
/// How many simulated patients (MIT-BIH records, 360 Hz, 2 leads, real time, 0.25 s frames) one machine holds in the
/// embedded profile (one process, SQLite, in-process bus): for each step, every device streams 60 s of signal from a
/// different point of its record while a monitoring dashboard listens on the hub. A step passes when every frame is
/// acknowledged and the alerts' device-clock-to-dashboard latency has p95 under 2 s. The devices run in this process
/// too, so they share the machine with the server. With <c>--scale-out</c>: the same against two server processes
/// (this one and a child) on PostgreSQL and RabbitMQ (EINTHOVEN_TEST_PG, EINTHOVEN_TEST_RABBITMQ: start them with
/// .ci/postgres.sh and .ci/rabbitmq.sh), devices spread over both, the dashboard on the first.
/// </summary>
internal static class LiveLoadBenchmark
{
    private const double StreamSeconds = 60, FrameSeconds = 0.25, LatencyBudgetMs = 2000;

    public static int Run(string[] args)
    {
        var steps = args.Where(a => int.TryParse(a, out _)).Select(int.Parse).DefaultIfEmpty().ToList();
        if (steps is [0]) steps = [50, 100, 200, 400, 700, 1000];
        var scaleOut = args.Contains("--scale-out");
        return RunAsync(BenchData.MitDb(args.Where(a => !int.TryParse(a, out _) && a != "--scale-out").ToArray()), steps, scaleOut).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(string mitdb, IReadOnlyList<int> steps, bool scaleOut)
    {
        Console.WriteLine($"live load, {(scaleOut ? "scale-out profile (2 processes, PostgreSQL, RabbitMQ)" : "embedded profile")}; {BenchData.Machine}; {DateTime.UtcNow:yyyy-MM-dd}");
        Console.WriteLine("patients | frames acked | ack p95 ms | alerts heard while streaming | alert latency p50 / p95 ms | alerts at the streams' end | process CPU % | result");
        var records = BenchData.Records(mitdb).Select(r => Path.Combine(mitdb, r)).ToList();
        foreach (var patients in steps)
        {
            await using var cluster = await LiveCluster.StartAsync(scaleOut);
            var server = cluster.Main;
            var (tokens, monitorToken) = await SetUpAsync(server, patients);
            var heard = new ConcurrentBag<double>();
            var atEnd = 0;
            // Alerts heard after the devices stop streaming are the episodes closed at the end of the streams, raised while
            // every stream becomes a recording at once: they are counted apart, not in the live latency.
            var streamingUntil = DateTimeOffset.MaxValue;
            await using var hub = new HubConnectionBuilder().WithUrl(new Uri(server.Address, "hubs/live"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(monitorToken)).Build();
            hub.On<AlertView>("alert", a =>
            {
                var now = DateTimeOffset.UtcNow;
                if (now < streamingUntil) heard.Add(now.ToUnixTimeMilliseconds() - a.DeviceTime);
                else Interlocked.Increment(ref atEnd);
            });
            await hub.StartAsync();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            streamingUntil = DateTimeOffset.UtcNow.AddSeconds(StreamSeconds);
            var readers = Enumerable.Range(0, patients).Select(i => (ISignalReader)Slice(RecordFiles.Open(records[i % records.Count]), (long)((i / records.Count) * 97 % 1500 * 360))).ToList();
            var reports = await Task.WhenAll(readers.Select((reader, i) =>
                new DeviceStreamer(cluster.AddressesFor(i), tokens[i], reader, new DeviceSimulation(Speed: 1, FrameSeconds: FrameSeconds, MaxSeconds: StreamSeconds, Seed: i + 1)).RunAsync()));
            await Task.Delay(3000); // the last alerts
            var cpuPercent = 100 * (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds / clock.Elapsed.TotalSeconds / Environment.ProcessorCount;
            foreach (var r in readers) r.Dispose();
            var acked = reports.Sum(r => r.FramesAcknowledged);
            var frames = reports.Sum(r => r.Frames);
            var ackP95 = Percentile(reports.SelectMany(r => r.AckMilliseconds).ToList(), 0.95);
            var latencies = heard.ToList();
            var p95 = Percentile(latencies, 0.95);
            var pass = acked == frames && reports.All(r => r.Failure is null) && (latencies.Count == 0 || p95 < LatencyBudgetMs);
            Console.WriteLine($"{patients} | {acked:N0} of {frames:N0} | {ackP95:0} | {latencies.Count} | {Percentile(latencies, 0.5):0} / {p95:0} | {atEnd} | {cpuPercent:0} | {(pass ? "holds" : "FAILS")}");
            if (!pass) break;
        }
        return 0;
    }

    /// <summary>One enrolled patient with a device per simulated patient (each stream is analysed on its own), and a monitoring user.</summary>
    private static async Task<(List<string> Tokens, string Monitor)> SetUpAsync(BenchServer server, int devices)
    {
        var patient = await server.PatientIdAsync();
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var monitor = new AppUser { Id = Guid.NewGuid(), UserName = "monitor@bench.local", Email = "monitor@bench.local", DisplayName = "bench monitor", CreatedAt = DateTime.UtcNow };
        (await users.CreateAsync(monitor, "Bench-Pass-123")).Succeeded.ToString();
        await users.AddToRoleAsync(monitor, Roles.Monitor);
        var org = new Organisation { Id = Guid.NewGuid(), Name = "bench", CreatedAt = DateTime.UtcNow };
        db.Organisations.Add(org);
        db.StaffMemberships.Add(new StaffMembership { UserId = monitor.Id, OrganisationId = org.Id });
        db.Enrolments.Add(new Enrolment { Id = Guid.NewGuid(), PatientId = patient, OrganisationId = org.Id, HomeLatitude = 41.3, HomeLongitude = 69.3, EnrolledAt = DateTime.UtcNow });
        await db.SaveChangesAsync();
        var tokens = new List<string>();
        for (var i = 0; i < devices; i++)
            tokens.Add((await (await server.Client.PostAsJsonAsync("/api/devices", new { label = $"bench {i}" })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!);
        using var anonymous = new HttpClient { BaseAddress = server.Address };
        var token = await (await anonymous.PostAsJsonAsync("/api/auth/token", new { email = "monitor@bench.local", password = "Bench-Pass-123" })).Content.ReadFromJsonAsync<JsonElement>();
        return (tokens, token.GetProperty("token").GetString()!);
    }

    private static double Percentile(IReadOnlyList<double> values, double q)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        return sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(q * sorted.Length))];
    }

    /// <summary>A record read from a later sample on, so that simulated patients sharing a record are not in step.</summary>
    private static RecordSlice Slice(ISignalReader record, long offset) => new(record, offset, Math.Max(0, record.Info.SampleCount - offset));
}
