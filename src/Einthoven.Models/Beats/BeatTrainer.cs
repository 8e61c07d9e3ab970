using System.Diagnostics;
using Einthoven.Learning;
using Einthoven.Learning.Losses;
using Einthoven.Learning.Optimizers;
using Einthoven.Learning.Tensors;
using Einthoven.Learning.Training;

namespace Einthoven.Models.Beats;

/// <summary>The trained ensemble, the class weights used and how long it took.</summary>
public sealed record BeatTrainingResult(BeatEnsemble Model, IReadOnlyList<float> ClassWeights, long[] ClassCounts, TimeSpan Elapsed);

/// <summary>
/// Trains the beat classifier on labelled records (MIT-BIH DS1 for the shipped model; retraining adds verified
/// beats): AdamW with warm-up and cosine decay, class-weighted cross-entropy for the rare classes, an ensemble of
/// seeds. Deterministic for a given seed, options and data.
/// </summary>
public static class BeatTrainer
{
    public static BeatTrainingResult Train(IReadOnlyList<LabelledRecord> records, BeatTrainingOptions? options = null,
        Action<BeatTrainingProgress>? progress = null, CancellationToken cancellation = default)
    {
        options ??= new BeatTrainingOptions();
        options.Validate();
        var watch = Stopwatch.StartNew();
        var data = BeatDataset.From(records, options.AmplitudeJitter);
        if (data.Count < 2) throw new ArgumentException($"beat training needs labelled beats; got {data.Count}", nameof(records));
        var counts = data.ClassCounts();
        var weights = ClassWeights(counts, options.ClassWeightPower, options.MaxClassWeightRatio);
        var members = new Network[options.EnsembleSize];
        for (var k = 0; k < members.Length; k++)
            members[k] = TrainMember(data, weights, options, k, progress, cancellation);
        return new BeatTrainingResult(new BeatEnsemble(members), weights, counts, watch.Elapsed);
    }

    /// <summary>(beats / (present classes * class beats)) ^ power, capped at a ratio to the lightest, 0 for absent classes.</summary>
    public static float[] ClassWeights(long[] counts, double power, double maxRatio)
    {
        var total = counts.Sum();
        var present = counts.Count(c => c > 0);
        var raw = counts.Select(c => c == 0 ? 0 : Math.Pow((double)total / (present * c), power)).ToArray();
        var lightest = raw.Where(w => w > 0).DefaultIfEmpty(1).Min();
        return raw.Select(w => (float)Math.Min(w, lightest * maxRatio)).ToArray();
    }

    private static Network TrainMember(BeatDataset data, float[] weights, BeatTrainingOptions options, int member,
        Action<BeatTrainingProgress>? progress, CancellationToken cancellation)
    {
        var seed = SplitMix64.Mix(options.Seed, (ulong)member);
        var network = BeatNetwork.Create(seed, options.Dropout);
        var steps = Trainer.BatchesPerEpoch(data.Count, options.BatchSize) * options.Epochs;
        var schedule = new WarmupCosineSchedule(options.LearningRate, Math.Max(1, steps / 20), steps, options.LearningRate / 50);
        var optimizer = new AdamW(network.Parameters.Select(p => p.Parameter), schedule, weightDecay: options.WeightDecay);
        var trainer = new Trainer(network, new SoftmaxCrossEntropy(weights), optimizer, new TrainerOptions
        {
            Epochs = options.Epochs,
            BatchSize = options.BatchSize,
            Seed = seed,
            Threads = options.Threads,
            Shards = Math.Max(2, options.Threads),
            MaxGradientNorm = 5,
        });
        if (progress is not null)
            trainer.BatchCompleted = b => progress(new BeatTrainingProgress(member, options.EnsembleSize, b.Epoch, options.Epochs, b.Batch, b.Batches, b.RunningLoss));
        trainer.Fit(data, cancellation: cancellation);
        return network;
    }
}
