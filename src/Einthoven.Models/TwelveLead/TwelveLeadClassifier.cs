using System.Globalization;
using Einthoven.Learning;
using Einthoven.Learning.Losses;
using Einthoven.Learning.Serialization;
using Einthoven.Learning.Tensors;
using Einthoven.Signal.Analysis;
using Einthoven.Signal.Records;

namespace Einthoven.Models.TwelveLead;

/// <summary>A class of the 12-lead model: its PTB-XL/SCP code and what it means.</summary>
public sealed record StatementClass(string Code, string Description);

/// <summary>
/// The shipped 12-lead statement classifier: <see cref="TwelveLeadNetwork"/> over the 12 standard leads at 100 Hz
/// (10 s, each lead less its median, in mV) and the <see cref="TwelveLeadFeatures"/>, then a per-class Platt
/// calibration (p = σ(a·logit + b), fitted on PTB-XL fold 9) and per-class thresholds (chosen on fold 9).
/// Safe to call from several threads (one inference at a time).
/// </summary>
public sealed class TwelveLeadClassifier : ITwelveLeadClassifier
{
    public const string ShippedCardFile = "twelve-lead.card.json";
    private const float Clip = 6, SignalClip = 10;
    private readonly object gate = new();

    public TwelveLeadClassifier(Network network, int width, IReadOnlyList<StatementClass> classes, float[] featureMean, float[] featureScale,
        double[]? calibrationA = null, double[]? calibrationB = null, double[]? thresholds = null, Analysis.ModelVersion? model = null)
    {
        if (featureMean.Length != TwelveLeadFeatures.Count || featureScale.Length != TwelveLeadFeatures.Count)
            throw new ArgumentException($"feature mean and scale need {TwelveLeadFeatures.Count} values each");
        Network = network;
        Width = width;
        StatementClasses = classes;
        FeatureMean = featureMean;
        FeatureScale = featureScale;
        CalibrationA = calibrationA ?? Enumerable.Repeat(1.0, classes.Count).ToArray();
        CalibrationB = calibrationB ?? new double[classes.Count];
        ThresholdValues = thresholds ?? Enumerable.Repeat(0.5, classes.Count).ToArray();
        if (CalibrationA.Length != classes.Count || CalibrationB.Length != classes.Count || ThresholdValues.Length != classes.Count)
            throw new ArgumentException($"calibration and thresholds need {classes.Count} values each");
        Model = model ?? new Analysis.ModelVersion("einthoven-twelve-lead", "untrained");
    }

    public Network Network { get; }
    public int Width { get; }
    public IReadOnlyList<StatementClass> StatementClasses { get; }
    public float[] FeatureMean { get; }
    public float[] FeatureScale { get; }
    public double[] CalibrationA { get; private set; }
    public double[] CalibrationB { get; private set; }
    public double[] ThresholdValues { get; private set; }
    /// <summary>Name and version (the card's version and the weights' hash) of the model, as the analysis lists it.</summary>
    public Analysis.ModelVersion Model { get; }
    public string Version => $"{Model.Name}-{Model.Version}";
    public double WindowSeconds => TwelveLeadNetwork.Length / TwelveLeadNetwork.RateHz;
    public IReadOnlyList<string> Classes => StatementClasses.Select(c => c.Code).ToArray();
    public IReadOnlyList<double> Thresholds => ThresholdValues;

    public TwelveLeadPrediction Classify(EcgRecord record)
    {
        var signal = TwelveLeadInput.Prepare(record, TwelveLeadInput.StandardLeads, TwelveLeadNetwork.RateHz, TwelveLeadNetwork.Length);
        var features = TwelveLeadFeatures.Of(signal, record.Info.Name);
        var probabilities = Probabilities(Logits(PrepareSignal(signal.Values), features));
        var statements = StatementClasses.Select((c, k) =>
            new StatementProbability(c.Code, c.Description, probabilities[k], ThresholdValues[k], probabilities[k] >= ThresholdValues[k])).ToArray();
        return new TwelveLeadPrediction(Version, statements, signal.DerivedLeads);
    }

    /// <summary>The network's input from <see cref="TwelveLeadInput.Prepare"/>'s values: each lead less its median, clipped to ±10 mV.</summary>
    public static float[] PrepareSignal(ReadOnlySpan<float> values)
    {
        var result = values.ToArray();
        var length = result.Length / TwelveLeadNetwork.Leads;
        var sorted = new float[length];
        for (var l = 0; l < TwelveLeadNetwork.Leads; l++)
        {
            var lead = result.AsSpan(l * length, length);
            lead.CopyTo(sorted);
            Array.Sort(sorted);
            var median = sorted[length / 2];
            for (var i = 0; i < length; i++) lead[i] = Math.Clamp(lead[i] - median, -SignalClip, SignalClip);
        }
        return result;
    }

    /// <summary>Features standardised by the training set's mean and scale, missing ones at the mean, clipped.</summary>
    public float[] StandardizeFeatures(ReadOnlySpan<float> features)
    {
        var result = new float[features.Length];
        for (var i = 0; i < features.Length; i++)
        {
            var f = i % TwelveLeadFeatures.Count;
            result[i] = float.IsFinite(features[i]) ? Math.Clamp((features[i] - FeatureMean[f]) / FeatureScale[f], -Clip, Clip) : 0;
        }
        return result;
    }

    /// <summary>Uncalibrated logits of one record from its prepared signal ([12, L]) and raw features.</summary>
    public float[] Logits(float[] preparedSignal, float[] features)
    {
        var length = preparedSignal.Length / TwelveLeadNetwork.Leads;
        lock (gate)
            return Network.Predict(new Tensor(preparedSignal, 1, TwelveLeadNetwork.Leads, length),
                new Tensor(StandardizeFeatures(features), 1, TwelveLeadFeatures.Count)).Data.ToArray();
    }

    /// <summary>Calibrated probabilities from logits.</summary>
    public double[] Probabilities(ReadOnlySpan<float> logits)
    {
        var p = new double[logits.Length];
        for (var k = 0; k < p.Length; k++) p[k] = SigmoidBinaryCrossEntropy.Sigmoid((float)(CalibrationA[k] * logits[k] + CalibrationB[k]));
        return p;
    }

    /// <summary>Sets the calibration and thresholds fitted after training.</summary>
    public void SetDecision(double[] a, double[] b, double[] thresholds)
    {
        if (a.Length != Classes.Count || b.Length != Classes.Count || thresholds.Length != Classes.Count)
            throw new ArgumentException($"calibration and thresholds need {Classes.Count} values each");
        (CalibrationA, CalibrationB, ThresholdValues) = (a, b, thresholds);
    }

    public void Save(string path) => NetworkWeights.Save(Network, path, new Dictionary<string, string>
    {
        ["width"] = Width.ToString(CultureInfo.InvariantCulture),
        ["classes"] = string.Join("|", StatementClasses.Select(c => c.Code)),
        ["descriptions"] = string.Join("|", StatementClasses.Select(c => c.Description)),
        ["features"] = string.Join(",", TwelveLeadFeatures.Names),
        ["feature_mean"] = Join(FeatureMean.Select(v => (double)v)),
        ["feature_scale"] = Join(FeatureScale.Select(v => (double)v)),
        ["calibration_a"] = Join(CalibrationA),
        ["calibration_b"] = Join(CalibrationB),
        ["thresholds"] = Join(ThresholdValues),
    });

    public static string ShippedCardPath => Path.Combine(AppContext.BaseDirectory, "Weights", ShippedCardFile);

    /// <summary>The shipped weights (trained by <c>einthoven train twelve-lead</c>), checked against their card's hash.</summary>
    public static TwelveLeadClassifier LoadShipped() => LoadCard(ShippedCardPath);

    public static TwelveLeadClassifier LoadCard(string cardPath)
    {
        if (!File.Exists(cardPath)) throw new FileNotFoundException($"12-lead model card not found: {cardPath}", cardPath);
        var card = ModelCard.Load(cardPath);
        return Load(card.VerifiedWeightsPath(cardPath), new Analysis.ModelVersion(card.Name, $"{card.Version}-{card.WeightsSha256[..8]}"));
    }

    public static TwelveLeadClassifier Load(string path, Analysis.ModelVersion? model = null)
    {
        using var stream = File.OpenRead(path);
        var content = SafeTensors.Read(stream, path);
        var m = content.Metadata;
        string Get(string key) => m.TryGetValue(key, out var v) ? v : throw new ModelFormatException(path, key, "missing from the metadata");
        if (!int.TryParse(Get("width"), CultureInfo.InvariantCulture, out var width) || width is < 1 or > 512)
            throw new ModelFormatException(path, "width", $"'{Get("width")}' is not a width");
        var codes = Get("classes").Split('|');
        var descriptions = Get("descriptions").Split('|');
        if (codes.Length != descriptions.Length) throw new ModelFormatException(path, "descriptions", $"{descriptions.Length} descriptions for {codes.Length} classes");
        if (Get("features") != string.Join(",", TwelveLeadFeatures.Names))
            throw new ModelFormatException(path, "features", "the weights were trained on other features than this build computes");
        var network = TwelveLeadNetwork.Create(width, codes.Length, 0);
        NetworkWeights.Apply(network, content, path);
        double[] Values(string key, int count)
        {
            var parts = Get(key).Split(',');
            if (parts.Length != count) throw new ModelFormatException(path, key, $"{parts.Length} values, expected {count}");
            return parts.Select((p, i) => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
                ? v : throw new ModelFormatException(path, key, $"value {i + 1} '{p}' is not a number")).ToArray();
        }
        var f = TwelveLeadFeatures.Count;
        var scale = Values("feature_scale", f);
        if (scale.Any(s => s <= 0)) throw new ModelFormatException(path, "feature_scale", "scales must be positive");
        return new TwelveLeadClassifier(network, width, codes.Zip(descriptions, (c, d) => new StatementClass(c, d)).ToArray(),
            Values("feature_mean", f).Select(v => (float)v).ToArray(), scale.Select(v => (float)v).ToArray(),
            Values("calibration_a", codes.Length), Values("calibration_b", codes.Length), Values("thresholds", codes.Length),
            model);
    }

    private static string Join(IEnumerable<double> values) => string.Join(",", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
}
