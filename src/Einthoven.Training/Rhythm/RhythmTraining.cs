using Einthoven.Evaluation.Rhythm;
using Einthoven.Learning;
using Einthoven.Learning.Losses;
using Einthoven.Learning.Optimizers;
using Einthoven.Learning.Training;
using Einthoven.Models.Rhythm;

namespace Einthoven.Training.Rhythm;

/// <summary>Training settings of the rhythm classifier; <see cref="For"/> gives the settings that produced the shipped weights.</summary>
public sealed record RhythmTrainingOptions
{
    public RhythmModelKind Model { get; init; } = RhythmModelKind.Mlp;
    public int Epochs { get; init; } = 60;
    public int BatchSize { get; init; } = 64;
    public float LearningRate { get; init; } = 3e-3f;
    public float WeightDecay { get; init; } = 1e-3f;
    /// <summary>CNN only: stop after this many epochs without a lower loss on an inner validation split (0: no split, all epochs).</summary>
    public int Patience { get; init; } = 6;
    /// <summary>CNN only: one part in this many of the training records (stratified) is held out for early stopping.</summary>
    public int ValidationParts { get; init; } = 10;
    public ulong Seed { get; init; } = 2017;
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>The kind whose weights ship (the one with the better cross-validated score).</summary>
    public const RhythmModelKind ShippedModel = RhythmModelKind.Cnn;

    public static RhythmTrainingOptions For(RhythmModelKind model) => model == RhythmModelKind.Mlp
        ? new RhythmTrainingOptions()
        : new RhythmTrainingOptions { Model = model, Epochs = 30, BatchSize = 32, LearningRate = 2e-3f, Patience = 0 };
}

/// <summary>Fits the rhythm classifier on a <see cref="CincDataset"/> and scores it by stratified k-fold cross-validation.</summary>
public static class RhythmTraining
{
    /// <summary>Trains on the rows <paramref name="indices"/> of the dataset (all when null).</summary>
    /// <param name="epochDone">(epoch, maximum epochs) after each epoch.</param>
    public static RhythmClassifier Train(CincDataset data, IReadOnlyList<int>? indices, RhythmTrainingOptions options, Action<int, int>? epochDone = null)
    {
        var rows = (indices ?? Enumerable.Range(0, data.Count).ToArray()).ToArray();
        if (rows.Length == 0) throw new ArgumentException("no training records", nameof(indices));
        var features = rows.SelectMany(data.Row).ToArray();
        var labels = rows.Select(i => data.Labels[i]).ToArray();
        var (mean, scale) = Spread(features);
        var network = RhythmNetwork.Create(options.Model, options.Seed);
        var classifier = new RhythmClassifier(options.Model, network, mean, scale);
        var standardized = classifier.Standardize(features);
        // Square-rooted balanced weights: the rare classes count more without the noisy class (5 %) dominating.
        var weights = SoftmaxCrossEntropy.BalancedWeights(labels, RhythmLabels.All.Length).Select(MathF.Sqrt).ToArray();
        var steps = options.Epochs * Trainer.BatchesPerEpoch(rows.Length, options.BatchSize);
        var schedule = new WarmupCosineSchedule(options.LearningRate, Math.Max(1, steps / 20), steps);
        var trainerOptions = new TrainerOptions
        {
            Epochs = options.Epochs, BatchSize = options.BatchSize, Seed = options.Seed, Shards = 2, Threads = options.Threads,
        };
        var optimizer = new AdamW(network.Parameters.Select(p => p.Parameter), schedule, weightDecay: options.WeightDecay);
        if (options.Model == RhythmModelKind.Mlp)
        {
            var trainer = NewTrainer(network, weights, optimizer, trainerOptions, epochDone);
            trainer.Fit(ArrayDataset.ForClasses(standardized, [RhythmFeatures.Count], labels));
            return classifier;
        }
        var all = new RhythmSignalDataset(rows.Select(i => data.Signals[i]).ToArray(), standardized, labels);
        var cnnTrainer = NewTrainer(network, weights, optimizer, trainerOptions with { Patience = options.Patience }, epochDone);
        if (options.Patience == 0)
        {
            cnnTrainer.Fit(all);
            return classifier;
        }
        var part = StratifiedFolds(labels, options.ValidationParts, options.Seed ^ 0xFA11);
        var fit = Enumerable.Range(0, rows.Length).Where(i => part[i] != 0).ToArray();
        var held = Enumerable.Range(0, rows.Length).Where(i => part[i] == 0).ToArray();
        cnnTrainer.Fit(new DatasetSubset(all, fit), new DatasetSubset(all, held));
        return classifier;
    }

    /// <summary>Out-of-fold predictions of every record under stratified, seeded k-fold cross-validation.</summary>
    /// <param name="progress">(epochs done, epochs of all folds) after each epoch of each fold.</param>
    public static RhythmScore CrossValidate(CincDataset data, int folds, RhythmTrainingOptions options, Action<int, int>? progress = null)
    {
        var fold = StratifiedFolds(data.Labels, folds, options.Seed);
        var predictions = new int[data.Count];
        for (var k = 0; k < folds; k++)
        {
            var train = Enumerable.Range(0, data.Count).Where(i => fold[i] != k).ToArray();
            var test = Enumerable.Range(0, data.Count).Where(i => fold[i] == k).ToArray();
            var done = k * options.Epochs;
            var results = Classify(Train(data, train, options, (epoch, _) => progress?.Invoke(done + epoch, folds * options.Epochs)), data, test);
            for (var j = 0; j < test.Length; j++) predictions[test[j]] = RhythmLabels.Index(results[j].Label);
            progress?.Invoke((k + 1) * options.Epochs, folds * options.Epochs);
        }
        return RhythmScore.Of(data.Labels, predictions);
    }

    /// <summary>Predictions for the given records of the dataset from their precomputed features (and signals).</summary>
    public static RhythmPrediction[] Classify(RhythmClassifier classifier, CincDataset data, IReadOnlyList<int> rows) =>
        classifier.Kind == RhythmModelKind.Mlp
            ? classifier.ClassifyFeatures(rows.SelectMany(data.Row).ToArray())
            : rows.Select(i => classifier.Predict(data.Row(i), data.Signals[i])).ToArray();

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

    private static Trainer NewTrainer(Network network, float[] classWeights, Optimizer optimizer, TrainerOptions options, Action<int, int>? epochDone)
    {
        var trainer = new Trainer(network, new SoftmaxCrossEntropy(classWeights), optimizer, options);
        if (epochDone is not null) trainer.EpochCompleted = r => epochDone(r.Epoch, r.Epochs);
        return trainer;
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
