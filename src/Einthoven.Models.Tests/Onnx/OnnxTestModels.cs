using Einthoven.Learning;
using Einthoven.Learning.Layers;
using Einthoven.Models.Onnx;

namespace Einthoven.Models.Tests.Onnx;

/// <summary>A small random 12-lead network (conv trunk, residual block, sigmoid head) and its manifest, for the ONNX serving tests.</summary>
public static class OnnxTestModels
{
    public static readonly string[] Superclasses = ["NORM", "MI", "STTC", "CD", "HYP"];

    public static Network Network(ulong seed = 7) => new(
        new Sequential(
            new Conv1d(12, 16, 7, stride: 2, padding: 3), new BatchNorm1d(16), new Relu(), new MaxPool1d(2),
            new ResidualBlock(16, 24, 5, stride: 2), new GlobalAvgPool1d()),
        new Sequential(new Dense(24, 16), new Relu(), new Dense(16, Superclasses.Length)), seed: seed);

    public static string ManifestJson(int leads = 12, string[]? classes = null, string normalisation = "\"none\"", int length = 1000)
    {
        var leadNames = string.Join(",", Models.TwelveLead.TwelveLeadInput.StandardLeads.Take(leads).Select(l => $"\"{l}\""));
        var codes = classes ?? Superclasses;
        return $$"""
        {
          "name": "test-superclasses",
          "version": "1",
          "description": "random weights, for tests",
          "input": { "leads": [{{leadNames}}], "rate_hz": 100, "length": {{length}}, "normalisation": {{normalisation}} },
          "output": {
            "activation": "sigmoid",
            "classes": [{{string.Join(",", codes.Select(c => $"{{\"code\": \"{c}\", \"description\": \"{c}\"}}"))}}],
            "thresholds": [{{string.Join(",", codes.Select(_ => "0.5"))}}]
          }
        }
        """;
    }

    /// <summary>The test network exported with the standard manifest: the model bytes and the manifest.</summary>
    public static OnnxExport Export(Network? network = null) =>
        ShippedOnnxModels.ExportTwelveLead(network ?? Network(), OnnxManifest.Parse(ManifestJson()));
}
