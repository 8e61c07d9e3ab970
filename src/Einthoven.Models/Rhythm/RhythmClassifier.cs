using System.Globalization;
using Einthoven.Learning;
using Einthoven.Learning.Layers;
using Einthoven.Learning.Losses;
using Einthoven.Learning.Serialization;
using Einthoven.Learning.Tensors;
using Einthoven.Signal.Records;

namespace Einthoven.Models.Rhythm;

/// <summary>A rhythm label with the probability of each class (order N, A, O, ~).</summary>
public sealed record RhythmPrediction(string Label, IReadOnlyList<float> Probabilities);

/// <summary>What the classifier reads from one lead: its <see cref="RhythmFeatures"/> and, for the CNN, its <see cref="RhythmSignal"/>.</summary>
public sealed record RhythmInput(float[] Features, float[]? Signal);

/// <summary>
/// Classifies a single-lead recording as normal (N), atrial fibrillation (A), other rhythm (O) or too noisy (~):
/// <see cref="RhythmFeatures"/>, standardised with the training set's mean and spread, into a small MLP, or (the
/// <see cref="RhythmModelKind.Cnn"/> kind) into the head of a convolutional network over <see cref="RhythmSignal"/>.
/// </summary>
public sealed class RhythmClassifier
{
    public const string ShippedCardFile = "rhythm.card.json";
    private const string MeanKey = "feature_mean", ScaleKey = "feature_scale", KindKey = "model";
    private const float Clip = 6;

    public RhythmClassifier(RhythmModelKind kind, Network network, float[] mean, float[] scale)
    {
        Kind = kind;
        Network = network;
        Mean = mean;
        Scale = scale;
    }

    public RhythmModelKind Kind { get; }
    public Network Network { get; }
    internal float[] Mean { get; }
    internal float[] Scale { get; }

    public RhythmPrediction Classify(EcgRecord record, int lead = 0)
    {
        var (millivolts, resolution) = RhythmFeatures.Millivolts(record, lead);
        return ClassifySignal(millivolts, record.Info.SamplingFrequency, resolution);
    }

    /// <param name="millivolts">One lead in mV; non-finite values are replaced in place by the previous value.</param>
    /// <param name="fs">Its sampling frequency, Hz.</param>
    /// <param name="resolution">One ADC step in mV.</param>
    public RhythmPrediction ClassifySignal(double[] millivolts, double fs, double resolution) => Classify(Prepare(millivolts, fs, resolution));

    /// <summary>The model's input from one lead (see <see cref="ClassifySignal"/>); safe to call concurrently.</summary>
    public RhythmInput Prepare(double[] millivolts, double fs, double resolution)
    {
        var features = RhythmFeatures.Extract(millivolts, fs, resolution);
        return new RhythmInput(features, Kind == RhythmModelKind.Mlp ? null : RhythmSignal.Prepare(millivolts, fs));
    }

    /// <summary>Runs the network on a prepared input; one call at a time (the layers keep their activations).</summary>
    public RhythmPrediction Classify(RhythmInput input) => Kind == RhythmModelKind.Mlp
        ? ClassifyFeatures(input.Features)[0]
        : Predict(input.Features, input.Signal ?? throw new ArgumentException("the CNN rhythm model needs the prepared signal", nameof(input)));

    /// <summary>Predictions for rows of <see cref="RhythmFeatures"/> (Count values each, concatenated); MLP kind only.</summary>
    public RhythmPrediction[] ClassifyFeatures(float[] features)
    {
        if (Kind != RhythmModelKind.Mlp)
            throw new InvalidOperationException($"the {Kind} rhythm model also needs the signal: use ClassifySignal or Classify");
        var rows = features.Length / RhythmFeatures.Count;
        if (rows * RhythmFeatures.Count != features.Length)
            throw new ArgumentException($"{features.Length} values are not whole rows of {RhythmFeatures.Count} features", nameof(features));
        return Predictions(Network.Predict(new Tensor(Standardize(features), rows, RhythmFeatures.Count)));
    }

    /// <summary>One prediction from a record's features and its <see cref="RhythmSignal.Prepare"/> output (CNN kind).</summary>
    public RhythmPrediction Predict(float[] features, float[] signal)
    {
        var input = RhythmSignal.InferenceInput(signal);
        var logits = Network.Predict(new Tensor(input, 1, 1, input.Length), new Tensor(Standardize(features), 1, RhythmFeatures.Count));
        return Predictions(logits)[0];
    }

    private static RhythmPrediction[] Predictions(Tensor logits)
    {
        var probabilities = SoftmaxCrossEntropy.Probabilities(logits);
        var classes = RhythmLabels.All.Length;
        return Enumerable.Range(0, logits.Dim(0)).Select(r =>
        {
            var p = probabilities.Data.AsSpan(r * classes, classes).ToArray();
            return new RhythmPrediction(RhythmLabels.All[Array.IndexOf(p, p.Max())], p);
        }).ToArray();
    }

    /// <summary>Features standardised by the training set's mean and scale, and clipped.</summary>
    public float[] Standardize(float[] features)
    {
        var result = new float[features.Length];
        for (var i = 0; i < features.Length; i++)
        {
            var f = i % RhythmFeatures.Count;
            result[i] = Math.Clamp((features[i] - Mean[f]) / Scale[f], -Clip, Clip);
        }
        return result;
    }

    public void Save(string path) => NetworkWeights.Save(Network, path, new Dictionary<string, string>
    {
        [MeanKey] = Join(Mean),
        [ScaleKey] = Join(Scale),
        [KindKey] = Kind.ToString().ToLowerInvariant(),
        ["features"] = string.Join(",", RhythmFeatures.Names),
    });

    public static RhythmClassifier Load(string path)
    {
        using var stream = File.OpenRead(path);
        return Load(stream, path);
    }

    /// <summary>The shipped weights (Weights/rhythm.safetensors beside the assembly, trained by <c>einthoven train rhythm</c>), checked against their card's hash.</summary>
    public static RhythmClassifier LoadShipped() => LoadCard(ShippedCardPath);

    public static string ShippedCardPath => Path.Combine(AppContext.BaseDirectory, "Weights", ShippedCardFile);

    /// <summary>Loads a model from its card, verifying the weights file's SHA-256 against the card first.</summary>
    public static RhythmClassifier LoadCard(string cardPath)
    {
        if (!File.Exists(cardPath)) throw new FileNotFoundException($"rhythm model card not found: {cardPath}", cardPath);
        return Load(ModelCard.Load(cardPath).VerifiedWeightsPath(cardPath));
    }

    public static RhythmClassifier Load(Stream stream, string file)
    {
        var content = SafeTensors.Read(stream, file);
        var kind = ParseKind(content.Metadata, file);
        var network = RhythmNetwork.Create(kind, 0);
        NetworkWeights.Apply(network, content, file);
        return new RhythmClassifier(kind, network, Parse(content.Metadata, MeanKey, file), Parse(content.Metadata, ScaleKey, file));
    }

    // Weights saved before the CNN existed carry no kind: they are the MLP.
    private static RhythmModelKind ParseKind(IReadOnlyDictionary<string, string> metadata, string file) =>
        metadata.TryGetValue(KindKey, out var text) ? text switch
        {
            "mlp" => RhythmModelKind.Mlp,
            "cnn" => RhythmModelKind.Cnn,
            _ => throw new ModelFormatException(file, KindKey, $"'{text}' is not a rhythm model kind (mlp or cnn)"),
        } : RhythmModelKind.Mlp;

    private static string Join(float[] values) => string.Join(",", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));

    private static float[] Parse(IReadOnlyDictionary<string, string> metadata, string key, string file)
    {
        if (!metadata.TryGetValue(key, out var text)) throw new ModelFormatException(file, key, "missing from the metadata");
        var parts = text.Split(',');
        if (parts.Length != RhythmFeatures.Count)
            throw new ModelFormatException(file, key, $"{parts.Length} values for {RhythmFeatures.Count} features");
        var values = new float[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            if (!float.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !float.IsFinite(values[i])
                || (key == ScaleKey && values[i] <= 0))
                throw new ModelFormatException(file, key, $"value {i + 1} '{parts[i]}' is not a valid number");
        return values;
    }
}
