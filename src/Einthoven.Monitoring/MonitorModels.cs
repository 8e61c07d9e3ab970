using System.Collections.Concurrent;
using Einthoven.Models.Beats;
using Einthoven.Models.Rhythm;

namespace Einthoven.Monitoring;

/// <summary>
/// The shipped beat and rhythm models, loaded (and hash-checked) once per process and shared by every
/// <see cref="PatientMonitor"/>; thread-safe. The networks' layers keep their activations, so each thread classifies
/// keeps its activations, so each thread classifies beats on its own replica of the beat model's layers (weights
/// shared) and each concurrent rhythm read borrows a classifier from a small pool.
/// </summary>
public sealed class MonitorModels
{
    private static readonly Lazy<MonitorModels> Shipped = new(() => new MonitorModels(BeatClassifier.LoadShipped(), RhythmClassifier.LoadShipped),
        LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Func<RhythmClassifier> _loadRhythm;
    private readonly ConcurrentBag<RhythmClassifier> _rhythmPool = [];
    private readonly ThreadLocal<IReadOnlyList<BeatMember>> _beatReplicas;

    public MonitorModels(BeatClassifier beats, Func<RhythmClassifier> loadRhythm)
    {
        Beats = beats;
        _beatReplicas = new ThreadLocal<IReadOnlyList<BeatMember>>(beats.Model.Replicate);
        _loadRhythm = loadRhythm;
        _rhythmPool.Add(loadRhythm());
    }

    public BeatClassifier Beats { get; }

    /// <summary>The models that ship with Einthoven, loaded on first use, once per process.</summary>
    public static MonitorModels LoadShipped() => Shipped.Value;

    /// <summary>Beat class probabilities on this thread's replica of the beat model (no layers copied per call).</summary>
    internal float[] ClassifyBeats(BeatFeatures features) => Beats.Model.Probabilities(features, _beatReplicas.Value!);

    /// <summary>Runs the rhythm model on one prepared input, on a classifier no other thread is using.</summary>
    internal RhythmPrediction ClassifyRhythm(RhythmInput input)
    {
        var classifier = _rhythmPool.TryTake(out var free) ? free : _loadRhythm();
        try { return classifier.Classify(input); }
        finally { _rhythmPool.Add(classifier); }
    }

    /// <summary>Prepares a rhythm input (thread-safe: preparation keeps no state).</summary>
    internal RhythmInput PrepareRhythm(double[] millivolts, double fs, double resolution)
    {
        var classifier = _rhythmPool.TryPeek(out var any) ? any : _loadRhythm();
        return classifier.Prepare(millivolts, fs, resolution);
    }
}
