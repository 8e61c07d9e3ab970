using System.CommandLine;
using System.Text.Json;
using Einthoven.Cli.Client;
using Einthoven.Devices;
using Einthoven.Cli.Live;
using Einthoven.Signal.Formats;
using Spectre.Console;

namespace Einthoven.Cli.Commands;

/// <summary>
/// <c>einthoven simulate RECORDS...</c>: replays records as live monitoring devices streaming to the server, at real or
/// accelerated speed, with reconnects and network faults on request, and reports what the server acknowledged.
/// </summary>
public static class SimulateCommand
{
    public static Command Create(ServerConnection? connection = null)
    {
        connection ??= new ServerConnection();
        var command = new Command("simulate", "Replay records as monitoring devices streaming live to the server");
        connection.AddTo(command);
        var records = new Argument<string[]>("records") { Description = "Records in any format einthoven reads (a WFDB record by name, e.g. ../shared/data/mitdb/100)", Arity = ArgumentArity.OneOrMore };
        var tokens = new Option<string[]>("--token") { Description = "Device tokens (etd_...), one per device; default: register devices for the signed-in patient", AllowMultipleArgumentsPerToken = true };
        var servers = new Option<string[]>("--also-server") { Description = "More server processes to fail over to (scale-out profile)", AllowMultipleArgumentsPerToken = true };
        var devices = new Option<int?>("--devices") { Description = "Simulated devices (records are dealt round-robin; default: one per record)" };
        var speed = new Option<double>("--speed") { Description = "1 = real time, 10 = ten times faster, 0 = as fast as acknowledged", DefaultValueFactory = _ => 1 };
        var frameMs = new Option<int>("--frame-ms") { Description = "Signal per frame, in ms", DefaultValueFactory = _ => 100 };
        var seconds = new Option<double?>("--seconds") { Description = "Stream only this much of each record" };
        var reconnect = new Option<double?>("--reconnect-every") { Description = "Drop the connection every this many seconds of signal, then resume" };
        var faults = new Option<double>("--fault-rate") { Description = "Chance per frame that the connection drops (0-1)" };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON" };
        var score = new Option<bool>("--score") { Description = "Afterwards, score the alerts the server raised against each record's .atr reference (you must be enrolled for live monitoring)" };
        foreach (var o in new Option[] { tokens, servers, devices, speed, frameMs, seconds, reconnect, faults, json, score }) command.Options.Add(o);
        command.Arguments.Add(records);
        command.SetAction(async (r, ct) =>
        {
            var options = new DeviceSimulation(r.GetValue(speed), r.GetValue(frameMs) / 1000.0, r.GetValue(seconds), r.GetValue(reconnect), r.GetValue(faults));
            Check(options);
            var paths = r.GetValue(records)!;
            var count = r.GetValue(devices) ?? paths.Length;
            if (count < 1 || count > 5000) throw new CliUsageException("--devices must be 1-5000");
            var client = connection.Connect(r);
            if (r.GetValue(score) && await client.EnrolmentAsync() is null)
                throw new CliUsageException("--score needs alerts, and the live analysis runs only for patients enrolled with an organisation (PUT /api/monitoring/enrolment)");
            var given = r.GetValue(tokens) ?? [];
            var deviceTokens = given.Length > 0 ? given : await RegisterAsync(client, count);
            if (deviceTokens.Count < count) throw new CliUsageException($"{count} devices need {count} tokens; {deviceTokens.Count} given");
            var urls = new[] { client.Server }.Concat((r.GetValue(servers) ?? []).Select(ServerConnection.ParseServer)).ToArray();
            var readers = Enumerable.Range(0, count).Select(i => RecordFiles.Open(paths[i % paths.Length])).ToArray();
            try
            {
                var reports = await RunAsync(CliRunner.Console(r), urls, deviceTokens, readers, options, ct);
                Print(r, reports, r.GetValue(json));
                if (r.GetValue(score)) PrintScore(r, await AlertScoreOfStreams.ScoreAsync(client, reports, readers, options.FrameSeconds), options);
                return reports.All(x => x.Complete) ? CliRunner.ExitCodes.Ok : CliRunner.ExitCodes.Failed;
            }
            finally { foreach (var reader in readers) reader.Dispose(); }
        });
        return command;
    }

    private static void Check(DeviceSimulation o)
    {
        if (o.Speed < 0 || o.Speed > 10_000) throw new CliUsageException("--speed must be 0-10000");
        if (o.FrameSeconds < 0.01 || o.FrameSeconds > 2) throw new CliUsageException("--frame-ms must be 10-2000");
        if (o.FaultProbability is < 0 or > 1) throw new CliUsageException("--fault-rate must be 0-1");
        if (o.ReconnectEverySeconds is <= 0) throw new CliUsageException("--reconnect-every must be positive");
    }

    private static async Task<IReadOnlyList<string>> RegisterAsync(PlatformClient client, int count)
    {
        var tokens = new List<string>();
        for (var i = 0; i < count; i++)
            tokens.Add((await client.CreateDeviceAsync($"simulator {i + 1}")).GetProperty("token").GetString()!);
        return tokens;
    }

    private static async Task<DeviceReport[]> RunAsync(IAnsiConsole console, Uri[] servers, IReadOnlyList<string> tokens, ISignalReader[] readers,
        DeviceSimulation options, CancellationToken ct)
    {
        DeviceReport[] reports = [];
        await console.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask($"{readers.Length} device(s) streaming");
                var perDevice = new long[readers.Length];
                task.MaxValue = readers.Sum(r => Frames(r, options));
                reports = await Task.WhenAll(readers.Select((reader, i) =>
                {
                    var progress = new Progress<long>(acked => { perDevice[i] = acked; task.Value = perDevice.Sum(); });
                    return new DeviceStreamer(servers, tokens[i], reader, options with { Seed = i + 1 }).RunAsync(progress, ct);
                }));
            });
        return reports;
    }

    private static long Frames(ISignalReader reader, DeviceSimulation o)
    {
        var perFrame = Math.Max(1, (int)Math.Round(o.FrameSeconds * reader.Info.SamplingFrequency));
        var total = o.MaxSeconds is { } s ? Math.Min(reader.Info.SampleCount, (long)(s * reader.Info.SamplingFrequency)) : reader.Info.SampleCount;
        return (total + perFrame - 1) / perFrame;
    }

    private static void Print(ParseResult r, IReadOnlyList<DeviceReport> reports, bool json)
    {
        if (json)
        {
            r.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(reports, PlatformClient.Json));
            return;
        }
        var table = new Table().AddColumns("Record", "Recording", "Frames", "Acknowledged", "Resent", "Connections", "Ack p50 ms", "Ack p95 ms", "Result");
        foreach (var x in reports)
            table.AddRow(Markup.Escape(x.Record), x.Recording?.ToString()[..8] ?? "-", $"{x.Frames:N0}", $"{x.FramesAcknowledged:N0}",
                $"{x.FramesResent:N0}", $"{x.Connections}", Percentile(x.AckMilliseconds, 0.5), Percentile(x.AckMilliseconds, 0.95),
                x.Complete ? "[green]complete[/]" : $"[red]{Markup.Escape(x.Failure ?? "incomplete")}[/]");
        CliRunner.Console(r).Write(table);
    }

    private static void PrintScore(ParseResult r, AlertScoreOfStreams.Result result, DeviceSimulation options)
    {
        var console = CliRunner.Console(r);
        console.Write(EvalAlertsCommand.ScoreTable(result.Scores, $"Alerts raised by the server on {result.Streams} streamed records (speed {options.Speed:0.#}x), against the .atr reference"));
        console.MarkupLine($"{result.Alerts:N0} alerts; device clock to alert stored and published: p50 {Percentile(result.LatencyMs, 0.5)} ms, p95 {Percentile(result.LatencyMs, 0.95)} ms");
        foreach (var s in result.Skipped) console.MarkupLine($"[grey]not scored: {Markup.Escape(s)}[/]");
    }

    private static string Percentile(IReadOnlyList<double> values, double q)
    {
        if (values.Count == 0) return "-";
        var sorted = values.Order().ToArray();
        return sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(q * sorted.Length))].ToString("0.#");
    }
}
