using Einthoven.Learning.Losses;
using Einthoven.Learning.Tensors;
using Einthoven.Models.Onnx;
using Einthoven.Models.TwelveLead;

namespace Einthoven.Models.Tests.Onnx;

public class OnnxTwelveLeadClassifierTests
{
    [Fact]
    public void Served_model_gives_the_engines_probabilities_on_ptbxl_records()
    {
        var network = OnnxTestModels.Network();
        var export = OnnxTestModels.Export(network);
        using var served = new OnnxTwelveLeadClassifier(export.Model, export.Manifest!);
        foreach (var id in new[] { 1, 2, 3 })
        {
            var record = ShippedOnnxExportTests.PtbXlRecord(id);
            var input = TwelveLeadInput.Prepare(record, TwelveLeadInput.StandardLeads, 100, 1000);
            var engine = SigmoidBinaryCrossEntropy.Probabilities(network.Predict(new Tensor(input.Values, 1, 12, 1000))).Data;
            var prediction = served.Classify(record);
            Assert.Equal("test-superclasses-1", prediction.Model);
            Assert.Equal(OnnxTestModels.Superclasses, prediction.Statements.Select(s => s.Code));
            for (var k = 0; k < engine.Length; k++)
            {
                Assert.Equal(engine[k], prediction.Statements[k].Probability, 1e-5);
                Assert.Equal(prediction.Statements[k].Probability >= 0.5, prediction.Statements[k].Present);
            }
        }
    }

    [Fact]
    public void Manifest_with_the_wrong_lead_count_fails_at_construction_naming_the_leads()
    {
        var export = OnnxTestModels.Export();
        var error = Assert.Throws<OnnxModelException>(() => new OnnxTwelveLeadClassifier(export.Model, OnnxManifest.Parse(OnnxTestModels.ManifestJson(leads: 8))));
        Assert.Contains("input.leads: the manifest lists 8 leads but the model's input 'signal' takes 12", error.Message);
    }

    [Fact]
    public void Class_the_model_does_not_declare_is_unknown()
    {
        var export = OnnxTestModels.Export();
        var manifest = OnnxManifest.Parse(OnnxTestModels.ManifestJson(classes: ["NORM", "MI", "STTC", "CD", "AFIB"]));
        var error = Assert.Throws<OnnxModelException>(() => new OnnxTwelveLeadClassifier(export.Model, manifest));
        Assert.Contains("unknown class 'AFIB'", error.Message);
    }

    [Fact]
    public void Class_count_must_match_the_output_width()
    {
        var export = OnnxTestModels.Export();
        var manifest = OnnxManifest.Parse(OnnxTestModels.ManifestJson(classes: ["NORM", "MI"]));
        var error = Assert.Throws<OnnxModelException>(() => new OnnxTwelveLeadClassifier(export.Model, manifest));
        Assert.Contains("the manifest lists 2 classes but the model's output 'logits' has 5", error.Message);
    }

    [Fact]
    public void Length_must_match_a_fixed_input_length()
    {
        var export = OnnxTestModels.Export();
        var error = Assert.Throws<OnnxModelException>(() => new OnnxTwelveLeadClassifier(export.Model, OnnxManifest.Parse(OnnxTestModels.ManifestJson(length: 500))));
        Assert.Contains("input.length", error.Message);
    }

    [Fact]
    public void Garbage_is_not_a_model()
    {
        var error = Assert.Throws<OnnxModelException>(() => new OnnxTwelveLeadClassifier("not a model"u8.ToArray(), OnnxManifest.Parse(OnnxTestModels.ManifestJson())));
        Assert.StartsWith("the model is not an ONNX model", error.Message);
    }

    [Fact]
    public void Per_lead_normalisation_is_applied_before_the_model()
    {
        var network = OnnxTestModels.Network(3);
        var manifest = OnnxManifest.Parse(OnnxTestModels.ManifestJson(normalisation: "\"per-lead-zscore\""));
        var export = Models.Onnx.ShippedOnnxModels.ExportTwelveLead(network, manifest);
        using var served = new OnnxTwelveLeadClassifier(export.Model, manifest);
        var record = ShippedOnnxExportTests.PtbXlRecord(2);
        var input = TwelveLeadInput.Prepare(record, TwelveLeadInput.StandardLeads, 100, 1000).Values;
        for (var l = 0; l < 12; l++)
        {
            var lead = input.AsSpan(l * 1000, 1000);
            double mean = 0, variance = 0;
            foreach (var v in lead) mean += v;
            mean /= 1000;
            foreach (var v in lead) variance += (v - mean) * (v - mean);
            var std = Math.Sqrt(variance / 1000);
            for (var i = 0; i < 1000; i++) lead[i] = (float)((lead[i] - mean) / std);
        }
        var engine = SigmoidBinaryCrossEntropy.Probabilities(network.Predict(new Tensor(input, 1, 12, 1000))).Data;
        var served1 = served.Classify(record).Statements.Select(s => s.Probability).ToArray();
        for (var k = 0; k < engine.Length; k++) Assert.Equal(engine[k], served1[k], 1e-5);
    }
}
