using System.Diagnostics;
using Einthoven.Learning;
using Einthoven.Learning.Kernels;
using Einthoven.Learning.Layers;
using Einthoven.Learning.Losses;
using Einthoven.Learning.Optimizers;
using Einthoven.Learning.Tensors;
using Einthoven.Learning.Training;

namespace Einthoven.Bench;

/// <summary>
/// Throughput of the learning engine on a beat-classifier-sized network (2 leads x 256 samples + 8 RR features,
/// about 18k parameters): inference beats/s on one core and training samples/s on all cores, on random data.
/// Each figure is the best of several timed runs (a shared machine only slows runs down).
/// </summary>
internal static class EngineBenchmark
{
    private const int Length = 256, Features = 8, Classes = 5;

    public static int Run(string[] args)
    {
        var backends = Gemm.OpenBlasAvailable ? new[] { GemmBackend.Managed, GemmBackend.OpenBlas } : [GemmBackend.Managed];
        var data = RandomBeats(1024);
        Console.WriteLine($"engine benchmark, {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd}{GemmBenchmark.LoadAverage()}; network: {BeatNetwork().ParameterCount} parameters");
        Console.WriteLine();
        Console.WriteLine($"| GEMM backend | inference, 1 thread (beats/s) | training, {Environment.ProcessorCount} threads (samples/s) |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var backend in backends)
        {
            Gemm.Backend = backend;
            Console.WriteLine($"| {Gemm.Describe(backend)} | {Inference(data):F0} | {Training(data):F0} |");
        }
        return 0;
    }

    /// <summary>The shape of model the beat classifier is expected to use.</summary>
    public static Network BeatNetwork() => new(
        new Sequential(
            new Conv1d(2, 16, 7, stride: 2, padding: 3, bias: false), new BatchNorm1d(16), new Relu(),
            new ResidualBlock(16, 24, 5, stride: 2),
            new ResidualBlock(24, 32, 5, stride: 2),
            new GlobalAvgPool1d()),
        new Sequential(new Dense(32 + Features, 64), new Relu(), new Dropout(0.2f), new Dense(64, Classes)),
        featureCount: Features, seed: 1);

    private static double Inference(ArrayDataset data)
    {
        var network = BeatNetwork();
        const int batch = 256;
        var input = new Tensor(batch, 2, Length);
        var features = new Tensor(batch, Features);
        for (var i = 0; i < batch; i++) data.Fill(i, new SampleSlot(input.Sample(i), features.Sample(i), new float[1], false, 0));
        network.Forward(input, features, PassContext.Inference);
        var best = double.MaxValue;
        for (var run = 0; run < 30; run++)
        {
            var watch = Stopwatch.StartNew();
            network.Forward(input, features, PassContext.Inference);
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }
        return batch / best;
    }

    private static double Training(ArrayDataset data)
    {
        var network = BeatNetwork();
        var options = new TrainerOptions { Epochs = 1, BatchSize = 128, Shards = Environment.ProcessorCount * 2 };
        var optimizer = new AdamW(network.Parameters.Select(p => p.Parameter), new ConstantSchedule(1e-3f));
        var trainer = new Trainer(network, new SoftmaxCrossEntropy(), optimizer, options);
        var part = new DatasetSubset(data, Enumerable.Range(0, 1024).ToArray());
        trainer.Fit(part);
        var best = double.MaxValue;
        for (var run = 0; run < 4; run++)
        {
            var watch = Stopwatch.StartNew();
            trainer.Fit(part);
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }
        return part.Count / best;
    }

    private static ArrayDataset RandomBeats(int count)
    {
        var rng = new SplitMix64(7);
        var inputs = new float[count * 2 * Length];
        for (var i = 0; i < inputs.Length; i++) inputs[i] = (float)rng.NextGaussian();
        var features = new float[count * Features];
        for (var i = 0; i < features.Length; i++) features[i] = (float)rng.NextGaussian();
        var labels = Enumerable.Range(0, count).Select(i => i % Classes).ToArray();
        return ArrayDataset.ForClasses(inputs, [2, Length], labels, features, Features);
    }
}
