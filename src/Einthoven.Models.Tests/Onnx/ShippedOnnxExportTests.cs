using Einthoven.Learning.Losses;
using Einthoven.Learning.Tensors;
using Einthoven.Models.Beats;
using Einthoven.Models.Onnx;
using Einthoven.Models.Rhythm;
using Einthoven.Models.TwelveLead;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;
using Einthoven.TestSupport;
using Microsoft.ML.OnnxRuntime;
using DenseTensor = Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float>;
using Tensor = Einthoven.Learning.Tensors.Tensor;

namespace Einthoven.Models.Tests.Onnx;

/// <summary>
/// Every shipped model in <see cref="ShippedOnnxModels.All"/> exported and run through ONNX Runtime on real records,
/// against the engine's probabilities within 1e-5. A new shipped model is one more line in <see cref="Cases"/>.
/// </summary>
public class ShippedOnnxExportTests
{
    private const double Tolerance = 1e-5;

    /// <summary>Per shipped model: the engine's probabilities and ONNX Runtime's on the same real inputs.</summary>
    private static readonly Dictionary<string, Func<OnnxExport, IEnumerable<(string Input, float[] Engine, float[] Onnx)>>> Cases = new()
    {
        ["beats"] = Beats,
        ["rhythm"] = Rhythm,
        ["twelve-lead"] = TwelveLeadWithFeatures,
        // A 12-lead classifier served through its manifest: ["NAME"] = export => TwelveLead(export, CLASSIFIER),
    };

    public static TheoryData<string> Shipped => new(ShippedOnnxModels.All.Select(m => m.Name));

    [Theory]
    [MemberData(nameof(Shipped))]
    public void Shipped_model_runs_in_onnx_runtime_with_the_engines_probabilities(string name)
    {
        Assert.True(Cases.ContainsKey(name), $"add a case for the shipped model '{name}' to {nameof(Cases)}");
        var export = ShippedOnnxModels.Find(name).Export();
        var compared = 0;
        foreach (var (input, engine, onnx) in Cases[name](export))
        {
            Assert.Equal(engine.Length, onnx.Length);
            var worst = engine.Select((e, i) => Math.Abs(e - onnx[i])).DefaultIfEmpty(0).Max();
            Assert.True(worst <= Tolerance, $"{name} on {input}: largest difference {worst:g3}");
            compared += engine.Length;
        }
        Assert.True(compared > 0);
    }

    [Fact]
    public void Every_case_is_a_shipped_model() =>
        Assert.All(Cases.Keys, k => Assert.Contains(ShippedOnnxModels.All, m => m.Name == k));

    private static IEnumerable<(string, float[], float[])> Beats(OnnxExport export)
    {
        var classifier = BeatClassifier.LoadShipped();
        using var session = Session(export.Model);
        foreach (var name in new[] { "100", "208", "232" })
        {
            var record = RecordFiles.Read(TestData.MitDbRecord(name) + ".hea");
            var beats = BeatClassifier.DetectBeats(record);
            var features = BeatFeatureExtractor.Extract(record, beats);
            var engine = classifier.Model.Probabilities(features);
            var onnx = Run(session,
                (OnnxExportInputs.Signal, new Tensor(features.Windows, features.Count, BeatInputLayout.Channels, BeatInputLayout.Length)),
                (OnnxExportInputs.Features, new Tensor(features.Features, features.Count, BeatInputLayout.FeatureCount)))["probabilities"];
            yield return ($"MIT-BIH {name} ({features.Count} beats)", engine, onnx);
        }
    }

    /// <summary>The shipped 12-lead classifier (signal and measurements) against its export, on PTB-XL records (one with a missing P axis among them).</summary>
    private static IEnumerable<(string, float[], float[])> TwelveLeadWithFeatures(OnnxExport export)
    {
        var classifier = TwelveLeadClassifier.LoadShipped();
        using var session = Session(export.Model);
        foreach (var id in new[] { 8, 10, 17, 21, 41 })
        {
            var record = PtbXlRecord(id);
            var engine = classifier.Classify(record).Statements.Select(s => (float)s.Probability).ToArray();
            var prepared = TwelveLeadInput.Prepare(record, TwelveLeadInput.StandardLeads, TwelveLeadNetwork.RateHz, TwelveLeadNetwork.Length);
            var signal = TwelveLeadClassifier.PrepareSignal(prepared.Values);
            var features = TwelveLeadFeatures.Of(prepared, record.Info.Name);
            var onnx = Run(session,
                (OnnxExportInputs.Signal, new Tensor(signal, 1, TwelveLeadNetwork.Leads, TwelveLeadNetwork.Length)),
                (OnnxExportInputs.Features, new Tensor(features, 1, TwelveLeadFeatures.Count)))["probabilities"];
            yield return ($"PTB-XL {id}", engine, onnx);
        }
    }

    private static IEnumerable<(string, float[], float[])> Rhythm(OnnxExport export)
    {
        var classifier = RhythmClassifier.LoadShipped();
        using var session = Session(export.Model);
        foreach (var name in new[] { "A00001", "A00002", "A00003", "A00004", "A00005", "A00008" })
        {
            var record = RecordFiles.Read(Path.Combine(TestData.Cinc2017, name + ".hea"));
            var (millivolts, resolution) = RhythmFeatures.Millivolts(record, 0);
            var input = classifier.Prepare(millivolts, record.Info.SamplingFrequency, resolution);
            var engine = classifier.Classify(input).Probabilities.ToArray();
            var signal = RhythmSignal.InferenceInput(input.Signal!);
            var onnx = Run(session,
                (OnnxExportInputs.Signal, new Tensor(signal, 1, 1, signal.Length)),
                (OnnxExportInputs.Features, new Tensor(input.Features, 1, RhythmFeatures.Count)))["probabilities"];
            yield return ($"CinC 2017 {name}", engine, onnx);
        }
    }

    /// <summary>A shipped 12-lead classifier against its export served by <see cref="OnnxTwelveLeadClassifier"/>, on PTB-XL records.</summary>
    internal static IEnumerable<(string, float[], float[])> TwelveLead(OnnxExport export, ITwelveLeadClassifier engine)
    {
        Assert.NotNull(export.Manifest);
        using var served = new OnnxTwelveLeadClassifier(export.Model, export.Manifest);
        foreach (var id in new[] { 1, 2, 3, 9, 15 })
        {
            var record = PtbXlRecord(id);
            float[] Probabilities(TwelveLeadPrediction p) => p.Statements.Select(s => (float)s.Probability).ToArray();
            yield return ($"PTB-XL {id}", Probabilities(engine.Classify(record)), Probabilities(served.Classify(record)));
        }
    }

    internal static EcgRecord PtbXlRecord(int id) =>
        RecordFiles.Read(Path.Combine(TestData.PtbXl, "records100", $"{id / 1000 * 1000:00000}", $"{id:00000}_lr.hea"));

    internal static InferenceSession Session(byte[] model) => new(model, new SessionOptions { IntraOpNumThreads = 1 });

    internal static Dictionary<string, float[]> Run(InferenceSession session, params (string Name, Tensor Value)[] inputs)
    {
        using var results = session.Run(inputs.Select(i => NamedOnnxValue.CreateFromTensor(i.Name, new DenseTensor(i.Value.Data, i.Value.Shape))).ToList());
        return results.ToDictionary(r => r.Name, r => r.AsEnumerable<float>().ToArray());
    }

    private static class OnnxExportInputs
    {
        public const string Signal = Learning.Onnx.OnnxExporter.SignalInput, Features = Learning.Onnx.OnnxExporter.FeaturesInput;
    }
}
