using System.Diagnostics;
using Einthoven.Learning.Onnx;
using Einthoven.Learning.Tensors;
using Einthoven.Models.Beats;
using Einthoven.Models.Onnx;
using Einthoven.Models.Rhythm;
using Einthoven.Signal.Formats;
using Einthoven.TestSupport;
using Microsoft.ML.OnnxRuntime;
using DenseTensor = Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>;
using Tensor = Einthoven.Learning.Tensors.Tensor;

namespace Einthoven.Bench;

/// <summary>
/// The same shipped model through the engine and through ONNX Runtime 1.32 (its export by <see cref="ShippedOnnxModels"/>),
/// one thread each, on the same prepared inputs: median time per inference over N runs after a warm-up. Rhythm: one
/// 30-s CinC 2017 recording (network and feature standardisation; feature extraction excluded). Beats: a batch of 256
/// MIT-BIH 100 beats through the whole ensemble (probabilities, decision rule). Arguments: [N] (default 200).
/// </summary>
internal static class OnnxBenchmark
{
    public static int Run(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0]) : 200;
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };

        var rhythm = RhythmClassifier.LoadShipped();
        var record = RecordFiles.Read(Path.Combine(TestData.Cinc2017, "A00001.hea"));
        var (millivolts, resolution) = RhythmFeatures.Millivolts(record, 0);
        var input = rhythm.Prepare(millivolts, record.Info.SamplingFrequency, resolution);
        var signal = RhythmSignal.InferenceInput(input.Signal!);
        using (var session = new InferenceSession(ShippedOnnxModels.ExportRhythm(rhythm), options))
        {
            var onnxInputs = new List<NamedOnnxValue>
            {
                NamedOnnxValue.CreateFromTensor(OnnxExporter.SignalInput, new DenseTensor(signal, [1, 1, signal.Length])),
                NamedOnnxValue.CreateFromTensor(OnnxExporter.FeaturesInput, new DenseTensor(input.Features, [1, input.Features.Length])),
            };
            Report($"rhythm ({rhythm.Kind}), one {record.Info.SampleCount / record.Info.SamplingFrequency:0} s recording, [1, 1, {signal.Length}] + {input.Features.Length} features", runs,
                () => rhythm.Predict(input.Features, input.Signal!),
                () => { using var r = session.Run(onnxInputs); });
        }

        var beats = BeatClassifier.LoadShipped().Model;
        var mit = RecordFiles.Read(TestData.MitDbRecord("100") + ".hea");
        var all = BeatFeatureExtractor.Extract(mit, BeatClassifier.DetectBeats(mit));
        const int batch = 256;
        var windows = all.Windows.AsSpan(0, batch * BeatInputLayout.InputSize).ToArray();
        var features = all.Features.AsSpan(0, batch * BeatInputLayout.FeatureCount).ToArray();
        var some = new BeatFeatures(windows, features);
        var replicas = beats.Replicate();
        using (var session = new InferenceSession(ShippedOnnxModels.ExportBeats(beats), options))
        {
            var onnxInputs = new List<NamedOnnxValue>
            {
                NamedOnnxValue.CreateFromTensor(OnnxExporter.SignalInput, new DenseTensor(windows, [batch, BeatInputLayout.Channels, BeatInputLayout.Length])),
                NamedOnnxValue.CreateFromTensor(OnnxExporter.FeaturesInput, new DenseTensor(features, [batch, BeatInputLayout.FeatureCount])),
            };
            Report($"beats ({beats.Members.Count} expert pairs), a batch of {batch} MIT-BIH 100 beats", Math.Max(10, runs / 4),
                () => beats.Probabilities(some, replicas),
                () => { using var r = session.Run(onnxInputs); });
        }
        Console.WriteLine($"  machine: {BenchData.Machine}");
        return 0;
    }

    private static void Report(string what, int runs, Action engine, Action onnx)
    {
        var e = Median(engine, runs);
        var o = Median(onnx, runs);
        Console.WriteLine($"{what}, one thread, median of {runs} runs:");
        Console.WriteLine($"  engine {e:0.000} ms, ONNX Runtime {o:0.000} ms per inference (engine / ORT = {e / o:0.00})");
    }

    private static double Median(Action action, int runs)
    {
        for (var i = 0; i < 5; i++) action();
        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            action();
            times[i] = sw.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return times[runs / 2];
    }
}
