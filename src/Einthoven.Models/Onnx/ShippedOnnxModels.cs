using Einthoven.Learning.Onnx;
using Einthoven.Models.Beats;
using Einthoven.Models.Rhythm;
using Einthoven.Models.TwelveLead;

namespace Einthoven.Models.Onnx;

/// <summary>A shipped model as ONNX, and its manifest when it reads a 12-lead-like input [N, leads, length] (so the server can serve it).</summary>
public sealed record OnnxExport(byte[] Model, OnnxManifest? Manifest);

/// <summary>A shipped model that exports to ONNX: its CLI name, what the exported graph takes, and the export.</summary>
public sealed record ShippedOnnxModel(string Name, string Inputs, Func<OnnxExport> Export);

/// <summary>
/// The shipped models as ONNX: <c>einthoven export onnx --model NAME</c>, the export tests and <c>bench onnx</c> read
/// this list, so a new shipped network is one more line here.
/// </summary>
public static class ShippedOnnxModels
{
    public static readonly IReadOnlyList<ShippedOnnxModel> All =
    [
        new("beats", "signal [N, 4, 90] beat windows and features [N, F] (BeatFeatureExtractor); probabilities [N, 5] in AAMI order N, S, V, F, Q",
            () => new OnnxExport(ExportBeats(BeatClassifier.LoadShipped().Model), null)),
        new("rhythm", "signal [1, L] (RhythmSignal.InferenceInput) and raw features [1, F] (RhythmFeatures, standardised inside the graph); probabilities [N, 4] in order N, A, O, ~",
            () => new OnnxExport(ExportRhythm(RhythmClassifier.LoadShipped()), null)),
        new("twelve-lead", "signal [N, 12, L] (TwelveLeadClassifier.PrepareSignal: 100 Hz, leads I..V6, each less its median, mV) and raw features [N, F] (TwelveLeadFeatures, NaN for missing; standardised inside the graph); calibrated probabilities [N, C] in the card's class order",
            () => new OnnxExport(ExportTwelveLeadClassifier(TwelveLeadClassifier.LoadShipped()), null)),
    ];

    public static ShippedOnnxModel Find(string name) =>
        All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"no shipped model '{name}' exports to ONNX (models: {string.Join(", ", All.Select(m => m.Name))})", nameof(name));

    /// <summary>
    /// A network reading [N, leads, length] in the manifest's normalisation, as a servable model: "logits" first (the
    /// output the manifest's activation applies to), then "probabilities", with the class codes in the metadata.
    /// </summary>
    public static OnnxExport ExportTwelveLead(Learning.Network network, OnnxManifest manifest)
    {
        var activation = manifest.Activation switch
        {
            OnnxManifest.Softmax => OnnxActivation.Softmax,
            OnnxManifest.Sigmoid => OnnxActivation.Sigmoid,
            _ => OnnxActivation.None,
        };
        var model = OnnxExporter.Export(network, new OnnxExportOptions([manifest.Leads.Count, manifest.Length], activation, manifest.Name,
            new Dictionary<string, string>
            {
                [OnnxTwelveLeadClassifier.ClassesMetadataKey] = string.Join(",", manifest.ClassCodes),
                ["version"] = manifest.Version,
            }, manifest.Description));
        return new OnnxExport(model, manifest);
    }

    /// <summary>
    /// The shipped 12-lead classifier with its measurements: the features' standardisation (a missing value, NaN, at the
    /// mean; clip at ±6) and the per-class Platt calibration are part of the graph, so "probabilities" are the
    /// calibrated ones the engine reports. The signal is prepared outside (<see cref="TwelveLeadClassifier.PrepareSignal"/>).
    /// Its two inputs make it a model to run directly, not one the manifest-described 12-lead service serves.
    /// </summary>
    public static byte[] ExportTwelveLeadClassifier(TwelveLeadClassifier classifier)
    {
        var graph = new OnnxGraph();
        var count = TwelveLeadFeatures.Count;
        var classes = classifier.Classes.Count;
        var signal = graph.Input(OnnxExporter.SignalInput, [null, TwelveLeadNetwork.Leads, null]);
        var raw = graph.Input(OnnxExporter.FeaturesInput, [null, count]);
        var mean = graph.Initializer("feature_mean", classifier.FeatureMean, count);
        var missing = graph.Node("IsNaN", [raw.Name], "features_missing", raw.Shape);
        var filled = graph.Node("Where", [missing.Name, mean, raw.Name], "features_filled", raw.Shape);
        var centred = graph.Node("Sub", [filled.Name, mean], "features_centred", raw.Shape);
        var scaled = graph.Node("Div", [centred.Name, graph.Initializer("feature_scale", classifier.FeatureScale, count)], "features_scaled", raw.Shape);
        var standardised = graph.Node("Clip", [scaled.Name, graph.Constant("clip_min", -6f), graph.Constant("clip_max", 6f)], "features_standardised", raw.Shape);
        var logits = graph.AddNetwork(classifier.Network, signal, standardised);
        var a = graph.Initializer("calibration_a", classifier.CalibrationA.Select(v => (float)v).ToArray(), classes);
        var b = graph.Initializer("calibration_b", classifier.CalibrationB.Select(v => (float)v).ToArray(), classes);
        var calibrated = graph.Node("Add", [graph.Node("Mul", [logits.Name, a], "logits_scaled", logits.Shape).Name, b], "logits_calibrated", logits.Shape);
        OnnxExporter.Finish(graph, calibrated, OnnxActivation.Sigmoid);
        return graph.ToModel("einthoven-twelve-lead", OnnxExporter.ProducerVersion, new Dictionary<string, string>
        {
            [OnnxTwelveLeadClassifier.ClassesMetadataKey] = string.Join(",", classifier.Classes),
            ["thresholds"] = string.Join(",", classifier.Thresholds.Select(t => t.ToString("R", System.Globalization.CultureInfo.InvariantCulture))),
            ["features"] = string.Join(",", TwelveLeadFeatures.Names),
            ["rate_hz"] = "100",
            ["version"] = classifier.Version,
        }, "Einthoven 12-lead statement classifier (PTB-XL superclasses, frequent subclasses and rhythms)");
    }

    /// <summary>
    /// The rhythm classifier: the feature standardisation (mean, scale, clip at ±6) is part of the graph, so "features"
    /// takes <see cref="RhythmFeatures.Extract"/>'s values as they are. The CNN kind reads "signal" [N, 1, L]; the MLP
    /// kind reads the features alone, as "signal" [N, F].
    /// </summary>
    public static byte[] ExportRhythm(RhythmClassifier classifier)
    {
        var graph = new OnnxGraph();
        var cnn = classifier.Kind == RhythmModelKind.Cnn;
        var signal = graph.Input(OnnxExporter.SignalInput, cnn ? [null, 1, null] : [null, RhythmFeatures.Count]);
        OnnxValue Standardised(OnnxValue raw)
        {
            var count = RhythmFeatures.Count;
            var centred = graph.Node("Sub", [raw.Name, graph.Initializer("feature_mean", classifier.Mean, count)], "features_centred", raw.Shape);
            var scaled = graph.Node("Div", [centred.Name, graph.Initializer("feature_scale", classifier.Scale, count)], "features_scaled", raw.Shape);
            return graph.Node("Clip", [scaled.Name, graph.Constant("clip_min", -6f), graph.Constant("clip_max", 6f)], "features_standardised", raw.Shape);
        }
        OnnxValue logits = cnn
            ? graph.AddNetwork(classifier.Network, signal, Standardised(graph.Input(OnnxExporter.FeaturesInput, [null, RhythmFeatures.Count])))
            : graph.AddNetwork(classifier.Network, Standardised(signal), null);
        OnnxExporter.Finish(graph, logits, OnnxActivation.Softmax);
        return graph.ToModel("einthoven-rhythm", OnnxExporter.ProducerVersion, new Dictionary<string, string>
        {
            [OnnxTwelveLeadClassifier.ClassesMetadataKey] = string.Join(",", RhythmLabels.All),
            ["features"] = string.Join(",", RhythmFeatures.Names),
            ["rate_hz"] = "100",
        }, "Einthoven single-lead rhythm classifier (CinC 2017 classes N, A, O, ~)");
    }

    /// <summary>
    /// The beat ensemble as one graph: per member, the morphology expert on the windows and features and the rhythm expert
    /// on its subset of the features, each through a softmax, combined as <see cref="BeatExperts.Combine"/> does, averaged
    /// over the members and adjusted by the decision rule (scaled and renormalised).
    /// </summary>
    public static byte[] ExportBeats(BeatEnsemble ensemble)
    {
        var graph = new OnnxGraph();
        var windows = graph.Input(OnnxExporter.SignalInput, [null, BeatInputLayout.Channels, BeatInputLayout.Length]);
        var features = graph.Input(OnnxExporter.FeaturesInput, [null, BeatInputLayout.FeatureCount]);
        var rhythmIndices = BeatInputLayout.RhythmExpertFeatures;
        var gathered = graph.Node("Gather", [features.Name, graph.Initializer("rhythm_feature_indices", rhythmIndices.Select(i => (long)i).ToArray(), rhythmIndices.Count)],
            "rhythm_features", [null, rhythmIndices.Count], OnnxAttribute.Integer("axis", 1));
        string Slice(OnnxValue x, long start, long end, string name) => graph.Node("Slice",
            [x.Name, graph.Initializer(name + "_starts", [start], 1), graph.Initializer(name + "_ends", [end], 1),
             graph.Initializer(name + "_axes", [1L], 1)], name, [null, (int)(end - start)]).Name;
        OnnxValue Softmax(OnnxValue x, string name) => graph.Node("Softmax", [x.Name], name, x.Shape, OnnxAttribute.Integer("axis", -1));
        var classes = AamiMapping.ClassCount;
        string? total = null;
        for (var k = 0; k < ensemble.Members.Count; k++)
        {
            var prefix = $"member{k}";
            var morphology = Softmax(graph.AddNetwork(ensemble.Members[k].Morphology, windows, features, prefix + ".morphology"), prefix + ".morphology.probabilities");
            var rhythm = Softmax(graph.AddNetwork(ensemble.Members[k].Rhythm, gathered, null, prefix + ".rhythm"), prefix + ".rhythm.probabilities");
            // P(N), P(S) = P(N or S) x P(N | N or S), P(S | N or S); V, F, Q from the morphology expert.
            var ns = graph.Node("Mul", [Slice(morphology, 0, 1, prefix + ".supraventricular"), rhythm.Name], prefix + ".n_s", [null, 2]);
            var member = graph.Node("Concat", [ns.Name, Slice(morphology, 1, BeatExperts.MorphologyClasses, prefix + ".v_f_q")], prefix + ".aami",
                [null, classes], OnnxAttribute.Integer("axis", 1));
            total = total is null ? member.Name : graph.Node("Add", [total, member.Name], prefix + ".sum", [null, classes]).Name;
        }
        var scales = ensemble.Decision.Scales.Select(s => s / ensemble.Members.Count).ToArray();
        var scaled = graph.Node("Mul", [total!, graph.Initializer("decision_scales", scales, classes)], "scaled", [null, classes]);
        var sum = graph.Node("ReduceSum", [scaled.Name, graph.Initializer("class_axis", [1L], 1)], "scaled_sum", [null, 1], OnnxAttribute.Integer("keepdims", 1));
        var probabilities = graph.Node("Div", [scaled.Name, sum.Name], OnnxExporter.ProbabilitiesOutput, [null, classes]);
        graph.Output(probabilities, OnnxExporter.ProbabilitiesOutput);
        return graph.ToModel("einthoven-beats", OnnxExporter.ProducerVersion, new Dictionary<string, string>
        {
            [OnnxTwelveLeadClassifier.ClassesMetadataKey] = string.Join(",", Enum.GetNames<AamiClass>()),
            ["members"] = ensemble.Members.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, "Einthoven beat classifier (AAMI classes N, S, V, F, Q): ensemble of morphology and rhythm experts");
    }
}
