using System.Diagnostics;
using Einthoven.Learning;
using Einthoven.Learning.Losses;
using Einthoven.Learning.Optimizers;
using Einthoven.Learning.Tensors;
using Einthoven.Learning.Training;
using Einthoven.Models.Beats;

namespace Einthoven.Training.Beats;

/// <summary>The trained ensemble, the beats per AAMI class it learned from, the class weights used and how long it took.</summary>
public sealed record BeatTrainingResult(BeatEnsemble Model, long[] ClassCounts, IReadOnlyList<float> MorphologyWeights,
    IReadOnlyList<float> RhythmWeights, TimeSpan Elapsed);

/// <summary>
/// Trains the beat classifier on labelled records (MIT-BIH DS1 for the shipped model; retraining adds verified
/// beats): for each ensemble member a morphology and a rhythm expert, with AdamW, warm-up and cosine decay, and
/// class-weighted cross-entropy for the rare classes. Deterministic for a given seed, options and data.
/// </summary>
public static class BeatTrainer
{
    // The trained weights depend on the shard count, not on the thread count; fixing it lets any machine reproduce
    // the shipped weights (with the same GEMM kernels).
    private const int Shards = 2;

    public static BeatTrainingResult Train(IReadOnlyList<LabelledRecord> records, BeatTrainingOptions? options = null,
        Action<BeatTrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        options ??= new BeatTrainingOptions();
        options.Validate();
        var watch = Stopwatch.StartNew();
        var beats = BeatFeatures.Concat(records.Select(r => r.Features).ToList());
        var classes = records.SelectMany(r => r.Labels).ToArray();
        var morphology = BeatDataset.Morphology(beats, classes, options.Augmentation);
        var rhythm = BeatDataset.Rhythm(beats, classes, IrregularRhythm.Generate(records, options.IrregularRhythmFraction, options.Seed));
        if (morphology.Count < 2 || rhythm.Count < 2)
            throw new ArgumentException($"beat training needs labelled beats, including N or S ones; got {morphology.Count} beats, {rhythm.Count} N or S", nameof(records));
        var morphologyWeights = ClassWeights(morphology.LabelCounts(BeatExperts.MorphologyClasses), options.ClassWeightPower, options.MaxClassWeightRatio, options.MinBeatsToWeightUp);
        var rhythmWeights = ClassWeights(rhythm.LabelCounts(BeatExperts.RhythmClasses), options.ClassWeightPower, options.MaxClassWeightRatio, options.MinBeatsToWeightUp);
        var members = new BeatMember[options.EnsembleSize];
        for (var k = 0; k < members.Length; k++)
        {
            var seed = SplitMix64.Mix(options.Seed, (ulong)k);
            var member = k;
            Action<BatchProgress>? report(string expert, int epochs) => progress is null ? null
                : b => progress(new BeatTrainingProgress(member, options.EnsembleSize, expert, b.Epoch, epochs, b.Batch, b.Batches, b.RunningLoss));
            var morphologyNet = BeatNetwork.CreateMorphology(seed, options.Dropout);
            Fit(morphologyNet, morphology, morphologyWeights, options, options.Epochs, seed, report("morphology", options.Epochs), cancellation);
            var rhythmNet = BeatNetwork.CreateRhythm(seed);
            Fit(rhythmNet, rhythm, rhythmWeights, options, options.RhythmEpochs, seed, report("rhythm", options.RhythmEpochs), cancellation);
            members[k] = new BeatMember(morphologyNet, rhythmNet);
        }
        var counts = new long[AamiMapping.ClassCount];
        foreach (var c in classes) counts[(int)c]++;
        return new BeatTrainingResult(new BeatEnsemble(members), counts, morphologyWeights, rhythmWeights, watch.Elapsed);
    }

    /// <summary>
    /// (samples / (present classes * class samples)) ^ power, capped at a ratio to the lightest, 0 for absent classes;
    /// a class with fewer than <paramref name="minBeatsToWeightUp"/> samples gets the lightest weight.
    /// </summary>
    public static float[] ClassWeights(long[] counts, double power, double maxRatio, int minBeatsToWeightUp = 0)
    {
        var total = counts.Sum();
        var present = counts.Count(c => c > 0);
        var raw = counts.Select(c => c == 0 ? 0 : Math.Pow((double)total / (present * c), power)).ToArray();
        var lightest = raw.Where(w => w > 0).DefaultIfEmpty(1).Min();
        return raw.Select((w, c) => (float)(counts[c] > 0 && counts[c] < minBeatsToWeightUp ? lightest : Math.Min(w, lightest * maxRatio))).ToArray();
    }

    private static void Fit(Network network, BeatDataset data, float[] weights, BeatTrainingOptions options, int epochs, ulong seed,
        Action<BatchProgress>? progress, CancellationToken cancellation)
    {
        var steps = Trainer.BatchesPerEpoch(data.Count, options.BatchSize) * epochs;
        var schedule = new WarmupCosineSchedule(options.LearningRate, Math.Max(1, steps / 20), steps, options.LearningRate / 50);
        var optimizer = new AdamW(network.Parameters.Select(p => p.Parameter), schedule, weightDecay: options.WeightDecay);
        var trainer = new Trainer(network, new SoftmaxCrossEntropy(weights), optimizer, new TrainerOptions
        {
            Epochs = epochs,
            BatchSize = options.BatchSize,
            Seed = seed,
            Threads = options.Threads,
            Shards = Shards,
            MaxGradientNorm = 5,
        }) { BatchCompleted = progress };
        trainer.Fit(data, cancellation: cancellation);
    }
}
