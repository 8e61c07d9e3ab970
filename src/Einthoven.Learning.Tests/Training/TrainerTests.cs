using Einthoven.Learning.Layers;
using Einthoven.Learning.Losses;
using Einthoven.Learning.Optimizers;
using Einthoven.Learning.Tensors;
using Einthoven.Learning.Training;

namespace Einthoven.Learning.Tests.Training;

public class TrainerTests
{
    private static Network SmallCnn(ulong seed, int features = 0) => new(
        new Sequential(new Conv1d(1, 8, 7, padding: 3), new BatchNorm1d(8), new Relu(), new MaxPool1d(2),
            new ResidualBlock(8, 8, 5), new GlobalAvgPool1d()),
        new Sequential(new Dropout(0.1f), new Dense(8 + features, 2)),
        featureCount: features, seed: seed);

    private static Trainer MakeTrainer(Network network, TrainerOptions options, int trainCount)
    {
        var steps = options.Epochs * Trainer.BatchesPerEpoch(trainCount, options.BatchSize);
        var optimizer = new AdamW(network.Parameters.Select(p => p.Parameter), new WarmupCosineSchedule(0.01f, 5, steps), weightDecay: 1e-4f);
        return new Trainer(network, new SoftmaxCrossEntropy(), optimizer, options);
    }

    private static double Accuracy(Tensor outputs, Tensor targets)
    {
        var correct = 0;
        for (var i = 0; i < outputs.Dim(0); i++)
        {
            var row = outputs.Sample(i);
            if ((row[1] > row[0] ? 1 : 0) == (int)targets.Data[i]) correct++;
        }
        return (double)correct / outputs.Dim(0);
    }

    [Fact]
    public void LearnsToSeparateTwoWaveformClasses()
    {
        var train = SyntheticWaves.Create(400, 1, withFeature: true);
        var test = SyntheticWaves.Create(200, 2, withFeature: true);
        var network = SmallCnn(3, features: 1);
        var reports = new List<EpochReport>();
        var batches = 0;
        var trainer = MakeTrainer(network, new TrainerOptions { Epochs = 6, BatchSize = 32, Seed = 4 }, train.Count);
        trainer.EpochCompleted = reports.Add;
        trainer.BatchCompleted = _ => batches++;
        trainer.Fit(train);
        var evaluation = trainer.Evaluate(test);
        Assert.True(Accuracy(evaluation.Outputs, evaluation.Targets) > 0.95, $"accuracy {Accuracy(evaluation.Outputs, evaluation.Targets)}");
        Assert.Equal(6, reports.Count);
        Assert.Equal(6 * 13, batches);
        Assert.True(reports[^1].TrainLoss < reports[0].TrainLoss);
        // The trainer's sharded evaluation agrees with plain single-sample inference.
        var input = new float[SyntheticWaves.Length];
        var feature = new float[1];
        test.Fill(7, new SampleSlot(input, feature, new float[1], false, 0));
        var direct = network.Predict(new Tensor(input, 1, 1, SyntheticWaves.Length), new Tensor(feature, 1, 1));
        Assert.Equal(evaluation.Outputs.Sample(7)[0], direct.Data[0], 4);
        Assert.Equal(evaluation.Outputs.Sample(7)[1], direct.Data[1], 4);
    }

    [Fact]
    public void SameSeedGivesBitwiseIdenticalWeightsWhateverTheThreadCount()
    {
        var train = SyntheticWaves.Create(120, 5);
        float[] Run(int threads, ulong seed)
        {
            var network = SmallCnn(7);
            MakeTrainer(network, new TrainerOptions { Epochs = 2, BatchSize = 20, Seed = seed, Shards = 4, Threads = threads }, train.Count).Fit(train);
            return network.Parameters.SelectMany(p => p.Parameter.Value.Data).Concat(network.State.SelectMany(s => s.Value.Data)).ToArray();
        }
        var first = Run(2, 1);
        Assert.Equal(first, Run(2, 1));
        Assert.Equal(first, Run(1, 1));
        Assert.Equal(first, Run(3, 1));
        Assert.NotEqual(first, Run(2, 2));
    }

    [Fact]
    public void EarlyStoppingRestoresTheBestEpoch()
    {
        var train = SyntheticWaves.Create(80, 8);
        var validation = SyntheticWaves.Create(40, 9);
        var network = SmallCnn(1);
        var scores = new List<double>();
        float[]? bestWeights = null;
        var options = new TrainerOptions
        {
            Epochs = 30, BatchSize = 16, Seed = 2, Patience = 2,
            // A score that only improves in epochs 1 and 2, so training must stop after epoch 4.
            ValidationScore = (_, _) => scores.Count < 2 ? scores.Count + 1 : 0,
        };
        var trainer = MakeTrainer(network, options, train.Count);
        trainer.EpochCompleted = report =>
        {
            scores.Add(report.ValidationScore!.Value);
            if (report.Improved) bestWeights = network.Parameters.SelectMany(p => p.Parameter.Value.Data).ToArray();
        };
        var result = trainer.Fit(train, validation);
        Assert.True(result.StoppedEarly);
        Assert.Equal(4, result.History.Count);
        Assert.Equal(2, result.BestEpoch);
        Assert.Equal(bestWeights, network.Parameters.SelectMany(p => p.Parameter.Value.Data).ToArray());
        Assert.NotNull(result.History[0].ValidationLoss);
    }

    [Fact]
    public void BatchNormRunningStatisticsFollowTheData()
    {
        var rng = new SplitMix64(1);
        var inputs = Enumerable.Range(0, 64 * 10).Select(_ => (float)(3 + 2 * rng.NextGaussian())).ToArray();
        var data = new ArrayDataset(inputs, [1, 10], Enumerable.Range(0, 64).Select(i => (float)(i % 2)).ToArray(), 1);
        var bn = new BatchNorm1d(1, momentum: 0.5f);
        var network = new Network(new Sequential(bn, new GlobalAvgPool1d()), new Dense(1, 2));
        MakeTrainer(network, new TrainerOptions { Epochs = 3, BatchSize = 16, Shards = 4 }, data.Count).Fit(data);
        Assert.Equal(3f, bn.RunningMean.Data[0], 0.4f);
        Assert.Equal(4f, bn.RunningVariance.Data[0], 1.2f);
    }

    [Fact]
    public void IncompatibleDataIsRejected()
    {
        var trainer = MakeTrainer(SmallCnn(0, features: 1), new TrainerOptions(), 10);
        Assert.Contains("extra features", Assert.Throws<ArgumentException>(() => trainer.Fit(SyntheticWaves.Create(10, 1))).Message);
        // A layer's own error reaches the caller unwrapped from the parallel shards.
        var tooShort = ArrayDataset.ForClasses(new float[8], [1, 1], [0, 1, 0, 1, 0, 1, 0, 1]);
        var shortTrainer = MakeTrainer(SmallCnn(0), new TrainerOptions { Epochs = 1, BatchSize = 8 }, trainCount: 80);
        Assert.Contains("too short", Assert.Throws<ArgumentException>(() => shortTrainer.Fit(tooShort)).Message);
        var network = SmallCnn(0);
        var optimizer = new AdamW(network.Parameters.Select(p => p.Parameter), new ConstantSchedule(0.01f));
        Assert.Throws<ArgumentException>(() => new Trainer(network, new SoftmaxCrossEntropy(), optimizer, new TrainerOptions { BatchSize = 0 }));
    }
}
