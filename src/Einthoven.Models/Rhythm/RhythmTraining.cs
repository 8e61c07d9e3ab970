using Einthoven.Learning.Losses;
using Einthoven.Learning.Optimizers;
using Einthoven.Learning.Training;

namespace Einthoven.Models.Rhythm;

/// <summary>Training settings of the rhythm MLP; the defaults produced the shipped weights.</summary>
public sealed record RhythmTrainingOptions
{
    public int Epochs { get; init; } = 60;
    public int BatchSize { get; init; } = 64;
    public float LearningRate { get; init; } = 3e-3f;
    public float WeightDecay { get; init; } = 1e-3f;
    public ulong Seed { get; init; } = 2017;
    public int Threads { get; init; } = Environment.ProcessorCount;
}

/// <summary>Fits the rhythm classifier on CinC features and scores it by stratified k-fold cross-validation.</summary>
public static class RhythmTraining
{
    /// <summary>Trains on the rows <paramref name="indices"/> of the dataset (all when null).</summary>
    public static RhythmClassifier Train(CincDataset data, IReadOnlyList<int>? indices, RhythmTrainingOptions options, Action<int, int>? epochDone = null)
    {
        var rows = indices ?? Enumerable.Range(0, data.Count).ToArray();
        if (rows.Count == 0) throw new ArgumentException("no training records", nameof(indices));
        var features = rows.SelectMany(data.Row).ToArray();
        var labels = rows.Select(i => data.Labels[i]).ToArray();
        var (mean, scale) = Spread(features);
        var network = RhythmClassifier.CreateNetwork(options.Seed);
        var classifier = new RhythmClassifier(network, mean, scale);
        var dataset = ArrayDataset.ForClasses(classifier.Standardize(features), [RhythmFeatures.Count], labels);
        var steps = options.Epochs * Trainer.BatchesPerEpoch(rows.Count, options.BatchSize);
        var schedule = new WarmupCosineSchedule(options.LearningRate, Math.Max(1, steps / 20), steps);
        // Square-rooted balanced weights: the rare classes count more without the noisy class (5 %) dominating.
        var weights = SoftmaxCrossEntropy.BalancedWeights(labels, RhythmLabels.All.Length).Select(MathF.Sqrt).ToArray();
        var trainer = new Trainer(network, new SoftmaxCrossEntropy(weights), new AdamW(network.Parameters.Select(p => p.Parameter), schedule,
            weightDecay: options.WeightDecay), new TrainerOptions
            {
                Epochs = options.Epochs, BatchSize = options.BatchSize, Seed = options.Seed, Shards = 2, Threads = options.Threads,
            });
        if (epochDone is not null) trainer.EpochCompleted = r => epochDone(r.Epoch, r.Epochs);
        trainer.Fit(dataset);
        return classifier;
    }

    /// <summary>Out-of-fold predictions of every record under stratified, seeded k-fold cross-validation.</summary>
    public static RhythmScore CrossValidate(CincDataset data, int folds, RhythmTrainingOptions options, Action<int, int>? foldDone = null)
    {
        var fold = StratifiedFolds(data.Labels, folds, options.Seed);
        var predictions = new int[data.Count];
        for (var k = 0; k < folds; k++)
        {
            var train = Enumerable.Range(0, data.Count).Where(i => fold[i] != k).ToArray();
            var test = Enumerable.Range(0, data.Count).Where(i => fold[i] == k).ToArray();
            var classifier = Train(data, train, options);
            var results = classifier.ClassifyFeatures(test.SelectMany(data.Row).ToArray());
            for (var j = 0; j < test.Length; j++) predictions[test[j]] = RhythmLabels.Index(results[j].Label);
            foldDone?.Invoke(k + 1, folds);
        }
        return RhythmScore.Of(data.Labels, predictions);
    }

    /// <summary>Fold number of each record: each class shuffled with the seed and dealt round-robin.</summary>
    public static int[] StratifiedFolds(IReadOnlyList<int> labels, int folds, ulong seed)
    {
        if (folds < 2) throw new ArgumentOutOfRangeException(nameof(folds), folds, "cross-validation needs at least 2 folds");
        var fold = new int[labels.Count];
        var random = new Random(unchecked((int)seed));
        foreach (var group in Enumerable.Range(0, labels.Count).GroupBy(i => labels[i]))
        {
            var members = group.ToArray();
            random.Shuffle(members);
            for (var j = 0; j < members.Length; j++) fold[members[j]] = j % folds;
        }
        return fold;
    }

    private static (float[] Mean, float[] Scale) Spread(float[] features)
    {
        var f = RhythmFeatures.Count;
        var n = features.Length / f;
        var mean = new float[f];
        var scale = new float[f];
        for (var c = 0; c < f; c++)
        {
            double sum = 0, squares = 0;
            for (var r = 0; r < n; r++) sum += features[r * f + c];
            var m = sum / n;
            for (var r = 0; r < n; r++) squares += Math.Pow(features[r * f + c] - m, 2);
            mean[c] = (float)m;
            var sd = Math.Sqrt(squares / n);
            scale[c] = sd > 1e-9 ? (float)sd : 1f;
        }
        return (mean, scale);
    }
}
