using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Einthoven.Server.ContinuousLearning;
using Einthoven.Server.Recordings;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Synthesis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Einthoven.Bench;

/// <summary>
/// What a beat-model retraining does to the server: the viewer's window p50/p95 on a 6-hour recording over HTTP, first
/// with the server alone (60 s of requests after a warm-up round), then while the trainer runs as the scheduled retraining launches it (a child process through
/// <see cref="TrainerProcess"/>, at the lowest priority, one thread), training on MIT-BIH DS1 with the default options;
/// and the trainer's wall time. Requests go on in rounds until the trainer ends.
/// </summary>
internal static class RetrainingLoadBenchmark
{
    private static readonly double[] Spans = [21_600, 3_600, 600, 60, 10];
    private const int RequestsPerSpan = 40;
    private const double RecordSeconds = 6 * 3600;
    private static readonly TimeSpan BaselineTime = TimeSpan.FromSeconds(60);

    public static int Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string[] args)
    {
        var mitdb = BenchData.MitDb(args);
        var trainer = args.Length > 1 ? args[1] : Path.Combine(RepositoryRoot(), "src", "Einthoven.Cli", "bin", "Release", "net10.0", "einthoven.dll");
        if (!File.Exists(trainer))
        {
            Console.Error.WriteLine($"no trainer at {trainer}: build it first (dotnet build -c Release src/Einthoven.Cli) or pass its path");
            return 1;
        }
        await using var server = await BenchServer.StartAsync(runWorker: false);
        var id = await ImportAsync(server);
        Console.WriteLine($"retraining load; {BenchData.Machine}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        var random = new Random(5);
        await RoundAsync(server, id, random); // warm-up: the first reads decode cold chunks
        var alone = new List<double>();
        for (var clock0 = Stopwatch.StartNew(); clock0.Elapsed < BaselineTime;) alone.AddRange(await RoundAsync(server, id, random));
        Report("server alone", alone);

        var output = Path.Combine(BenchServer.NewFolder(), "challenger");
        var start = TrainerProcess.StartInfo(trainer,
            ["train", "beats", mitdb, "--folds", "0", "--holdout-records", "", "--threads", "1", "-o", output], Path.GetTempPath());
        var clock = Stopwatch.StartNew();
        var training = TrainerProcess.RunAsync(start, TimeSpan.FromHours(1), NullLogger.Instance, CancellationToken.None);
        var during = new List<double>();
        while (!training.IsCompleted) during.AddRange(await RoundAsync(server, id, random));
        var outcome = await training;
        Console.WriteLine($"trainer: exit {outcome.ExitCode}, {clock.Elapsed.TotalMinutes:0.0} min (train beats on DS1, default options, --threads 1, nice 19)");
        Report("while retraining", during);
        return outcome.ExitCode == 0 ? 0 : 1;
    }

    private static async Task<Guid> ImportAsync(BenchServer server)
    {
        var record = EcgSynthesizer.Generate(new SynthesisOptions
        {
            Name = "holter-6h", Duration = TimeSpan.FromSeconds(RecordSeconds), PvcProbability = 0.01, MeanHeartRate = 70,
            AfEpisodes = [(TimeSpan.FromHours(2), TimeSpan.FromMinutes(40))],
        });
        await using var scope = server.Services.CreateAsyncScope();
        using var reader = new InMemoryReader(record);
        var importer = scope.ServiceProvider.GetRequiredService<RecordingImporter>();
        (var recording, _) = await importer.ImportAsync(await server.PatientIdAsync(), reader, "synthetic", "holter-6h", CancellationToken.None);
        return recording.Id;
    }

    /// <summary>One round: <see cref="RequestsPerSpan"/> 2,000-point windows at random positions at each zoom level.</summary>
    private static async Task<List<double>> RoundAsync(BenchServer server, Guid id, Random random)
    {
        var times = new List<double>();
        foreach (var span in Spans)
            for (var i = 0; i < RequestsPerSpan; i++)
            {
                var from = random.NextDouble() * (RecordSeconds - span);
                var t = Stopwatch.StartNew();
                await server.Client.GetFromJsonAsync<JsonElement>(FormattableString.Invariant($"/api/recordings/{id}/window?from={from:0.###}&to={from + span:0.###}&points=2000"));
                times.Add(t.Elapsed.TotalMilliseconds);
            }
        return times;
    }

    private static void Report(string phase, List<double> times)
    {
        var sorted = times.Order().ToArray();
        double P(double q) => sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
        Console.WriteLine($"{phase}: {sorted.Length} window requests, p50 {P(0.5):0.0} ms, p95 {P(0.95):0.0} ms, max {sorted[^1]:0.0} ms");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Einthoven.slnx"))) return dir.FullName;
        throw new DirectoryNotFoundException("the repository root (Einthoven.slnx) is not above the benchmark");
    }
}
