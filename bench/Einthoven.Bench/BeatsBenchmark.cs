using System.Diagnostics;
using Einthoven.Models.Beats;
using Einthoven.Signal.Formats;

namespace Einthoven.Bench;

/// <summary>
/// Beat classification throughput on one core with the shipped model: the network alone (beats/s over the features
/// of DS2 records), detection and features, and the whole path per record (detect, filter, features, network); each
/// timed warm, best of several passes.
/// </summary>
internal static class BeatsBenchmark
{
    private const int Passes = 3;

    public static int Run(string[] args)
    {
        var db = BenchData.MitDb(args);
        var records = args.Length > 1 ? args[1..] : ["100", "200", "232"];
        var classifier = BeatClassifier.LoadShipped();
        var loaded = records.Select(r => RecordFiles.Read(Path.Combine(db, r))).ToList();

        // Every stage is timed warm (after a first, untimed pass that compiles the code), best of several passes.
        var features = loaded.Select(r => BeatFeatureExtractor.Extract(r, BeatClassifier.DetectBeats(r))).ToList();
        var prepareSeconds = Best(() => { foreach (var r in loaded) BeatFeatureExtractor.Extract(r, BeatClassifier.DetectBeats(r)); });
        var beats = features.Sum(f => f.Count);
        var samples = loaded.Sum(r => r.Info.SampleCount);

        classifier.Model.Probabilities(features[0]);
        var best = Best(() => { foreach (var f in features) classifier.Model.Probabilities(f); });
        var wholeSeconds = Best(() => { foreach (var r in loaded) classifier.Classify(r); });

        Console.WriteLine($"machine: {BenchData.Machine}; model: {classifier.Model.Members.Count} member(s), {classifier.Model.ParameterCount} parameters");
        Console.WriteLine($"records: {string.Join(" ", records)}: {beats} beats, {samples / 360.0 / 60:0.0} min at 360 Hz");
        Console.WriteLine($"network only (1 thread): {beats / best:N0} beats/s ({best * 1000:0} ms)");
        Console.WriteLine($"detect + filter + features: {beats / prepareSeconds:N0} beats/s ({prepareSeconds * 1000:0} ms)");
        Console.WriteLine($"end to end Classify(record): {beats / wholeSeconds:N0} beats/s ({wholeSeconds * 1000:0} ms, {samples / 360.0 / wholeSeconds:0} s of ECG per s)");
        return 0;
    }

    private static double Best(Action pass)
    {
        var best = double.MaxValue;
        for (var k = 0; k < Passes; k++)
        {
            var watch = Stopwatch.StartNew();
            pass();
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }
        return best;
    }
}
