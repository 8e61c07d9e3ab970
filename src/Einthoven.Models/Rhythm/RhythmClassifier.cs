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

/// <summary>
/// Classifies a single-lead recording as normal (N), atrial fibrillation (A), other rhythm (O) or too noisy (~):
/// <see cref="RhythmFeatures"/>, standardised with the training set's mean and spread, into a small MLP.
/// </summary>
public sealed class RhythmClassifier
{
    public const string ShippedCardFile = "rhythm.card.json";
    private const string MeanKey = "feature_mean", ScaleKey = "feature_scale";
    private const float Clip = 6;

    internal RhythmClassifier(Network network, float[] mean, float[] scale)
    {
        Network = network;
        Mean = mean;
        Scale = scale;
    }

    public Network Network { get; }
    internal float[] Mean { get; }
    internal float[] Scale { get; }

    public static Network CreateNetwork(ulong seed) => new(new Sequential(
        new Dense(RhythmFeatures.Count, 64), new Gelu(), new Dropout(0.2f),
        new Dense(64, 32), new Gelu(),
        new Dense(32, RhythmLabels.All.Length)), seed: seed);

    public RhythmPrediction Classify(EcgRecord record, int lead = 0) => ClassifyFeatures(RhythmFeatures.Extract(record, lead))[0];

    /// <summary>Predictions for rows of <see cref="RhythmFeatures"/> (Count values each, concatenated).</summary>
    public RhythmPrediction[] ClassifyFeatures(float[] features)
    {
        var rows = features.Length / RhythmFeatures.Count;
        if (rows * RhythmFeatures.Count != features.Length)
            throw new ArgumentException($"{features.Length} values are not whole rows of {RhythmFeatures.Count} features", nameof(features));
        var probabilities = SoftmaxCrossEntropy.Probabilities(Network.Predict(new Tensor(Standardize(features), rows, RhythmFeatures.Count)));
        var classes = RhythmLabels.All.Length;
        return Enumerable.Range(0, rows).Select(r =>
        {
            var p = probabilities.Data.AsSpan(r * classes, classes).ToArray();
            return new RhythmPrediction(RhythmLabels.All[Array.IndexOf(p, p.Max())], p);
        }).ToArray();
    }

    internal float[] Standardize(float[] features)
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
        var network = CreateNetwork(0);
        NetworkWeights.Apply(network, content, file);
        return new RhythmClassifier(network, Parse(content.Metadata, MeanKey, file), Parse(content.Metadata, ScaleKey, file));
    }

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
