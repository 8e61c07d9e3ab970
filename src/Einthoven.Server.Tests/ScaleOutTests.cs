using Einthoven.Devices;
using Einthoven.Server.Accounts;
using Einthoven.Server.Monitoring;
using Einthoven.Server.Storage;
using Einthoven.Server.Tests.Hosting;
using Einthoven.TestSupport;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;
using Einthoven.Signal.Synthesis;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Tests;

/// <summary>
/// The scale-out profile on a real broker and PostgreSQL: two server processes take the devices, a third (in-process)
/// serves the dashboards, and one is killed with SIGKILL while every device streams. Devices fail over and resume, and
/// nothing acknowledged is lost: every stored recording is its source sample for sample, and every patient's
/// tachycardia alert is stored once and listed on the dashboard. The same with the broker restarted mid-stream.
/// </summary>
[Collection("scale-out")]
public sealed class ScaleOutTests
{
    private const int Patients = 3;

    [ScaleOutFact]
    public Task Killing_a_server_process_while_devices_stream_loses_no_acknowledged_sample_and_no_alert() =>
        StreamThroughAFaultAsync(failover: true, (first, _) =>
        {
            first.Kill();
            return Task.CompletedTask;
        });

    /// <summary>
    /// The broker is stopped and started again (about 10 s) while devices stream: ingest goes on (frames are stored, then acknowledged),
    /// the frames whose publication failed are read back from storage by the analysis, and no alert is lost.
    /// </summary>
    [ScaleOutFact]
    public Task Restarting_the_broker_while_devices_stream_loses_no_acknowledged_sample_and_no_alert() =>
        StreamThroughAFaultAsync(failover: false, (_, _) => RestartBrokerAsync());

    private static async Task StreamThroughAFaultAsync(bool failover, Func<ServerProcess, ServerProcess, Task> fault)
    {
        await using var host = new ServerHost(Provider.Postgres, RabbitMqSettings.Profile());
        await using var first = await ServerProcess.StartAsync(host.Settings);
        await using var second = await ServerProcess.StartAsync(host.Settings);
        await host.CreateUserAsync("admin@scale.test", "Admin-Pass-1234", Roles.Admin);
        var admin = await host.SignInAsync("admin@scale.test", "Admin-Pass-1234");
        var setups = new List<MonitoringSetup>();
        for (var i = 0; i < Patients; i++) setups.Add(await MonitoringSetup.CreateAsync(host, admin, $"scale{i}"));

        var sources = Enumerable.Range(0, Patients).Select(i => EcgSynthesizer.Generate(new SynthesisOptions
        {
            Name = $"scale-{i}", Duration = TimeSpan.FromSeconds(60), MeanHeartRate = 175, Seed = 20 + i,
        })).ToArray();
        var streaming = Enumerable.Range(0, Patients).Select(i =>
        {
            Uri[] servers = i % 2 == 0 ? [first.Address, second.Address] : [second.Address, first.Address];
            return new DeviceStreamer(servers, setups[i].DeviceToken, new InMemoryReader(sources[i]), new DeviceSimulation(Speed: 5, FrameSeconds: 0.1, Seed: i + 1)).RunAsync();
        }).ToArray();
        await Task.Delay(TimeSpan.FromSeconds(5));
        await fault(first, second);
        var reports = await Task.WhenAll(streaming).WaitAsync(TimeSpan.FromMinutes(3));

        for (var i = 0; i < Patients; i++)
        {
            var report = reports[i];
            Assert.True(report.Complete, $"device {i}: {report.Failure}\n{second.Log}");
            if (failover && i % 2 == 0) Assert.True(report.Connections >= 2, $"device {i} did not fail over ({report.Connections} connection)");
            var stored = await StoredSamplesAsync(host, report.Recording!.Value);
            for (var lead = 0; lead < sources[i].Samples.Length; lead++) Assert.Equal(sources[i].Samples[lead], stored[lead]);
            await WaitForAsync(() => host.DbAsync(db => db.LiveAlerts.CountAsync(a => a.StreamId == report.Stream && a.Kind == "Tachycardia" && a.Phase == "Onset")),
                count => count == 1, $"device {i}'s tachycardia alert");
            var listed = await (await setups[i].Monitor.Client.GetAsync("/api/monitoring/alerts")).JsonAsync();
            Assert.Contains(listed.EnumerateArray(), a => a.Str("kind") == "Tachycardia" && a.GetProperty("patientId").GetGuid() == setups[i].PatientId);
        }
    }

    private static async Task WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        T value;
        while (!done(value = await read()))
        {
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"{what}: still {value} after 60 s");
            await Task.Delay(250);
        }
    }

    private static async Task RestartBrokerAsync()
    {
        var restart = Environment.GetEnvironmentVariable("EINTHOVEN_TEST_RABBITMQ_RESTART")
                      ?? throw new InvalidOperationException("EINTHOVEN_TEST_RABBITMQ_RESTART (set by .ci/rabbitmq.sh) is not set");
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(restart) { RedirectStandardError = true })!;
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"restarting the broker failed: {await process.StandardError.ReadToEndAsync()}");
    }

    private static Task<int[][]> StoredSamplesAsync(ServerHost host, Guid recording) => host.DbAsync(async db =>
    {
        var row = await db.Recordings.SingleAsync(r => r.Id == recording);
        using var reader = new StoredRecordingReader(db, row, withAnalysis: false);
        return reader.Read(0, (int)row.SampleCount).Samples;
    });
}
