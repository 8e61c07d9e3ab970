using System.Text.Json;
using System.Text.Json.Serialization;
using Einthoven.Learning.Serialization;

namespace Einthoven.Models.Rhythm;

/// <summary>
/// The 12-lead rhythm head: a multinomial logistic regression from a resting ECG's <see cref="RestingRhythmFeatures"/>
/// (standardised by the training records' mean and spread, clipped) to normal (N), atrial fibrillation (A) and other
/// rhythm (O), fitted on PTB-XL's rhythm statements (<c>einthoven train rhythm-resting</c>). Too noisy (~) stays the
/// CinC model's call: <see cref="Probabilities"/> keeps the leads' mean probability of ~ and shares the rest out as the
/// head says.
/// </summary>
public sealed record RestingRhythmHead
{
    public const string ShippedCardFile = "rhythm-resting.card.json";
    private const double Clip = 6;

    /// <summary>The head's classes, in the order of <see cref="Weights"/>' rows.</summary>
    public static readonly string[] Classes = ["N", "A", "O"];

    public required string[] Features { get; init; }
    public required double[] Mean { get; init; }
    public required double[] Scale { get; init; }

    /// <summary>One row per class, one weight per standardised feature.</summary>
    public required double[][] Weights { get; init; }
    public required double[] Bias { get; init; }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Features standardised and clipped, as the weights expect them.</summary>
    public double[] Standardise(IReadOnlyList<double> features) =>
        features.Select((x, j) => Math.Clamp((x - Mean[j]) / Scale[j], -Clip, Clip)).ToArray();

    /// <summary>The probability of N, A and O (<see cref="Classes"/>) from a record's features.</summary>
    public double[] ClassProbabilities(IReadOnlyList<double> features)
    {
        if (features.Count != Features.Length) throw new ArgumentException($"expected {Features.Length} features, got {features.Count}", nameof(features));
        return Softmax(Standardise(features), Weights, Bias);
    }

    /// <summary>Softmax of <c>W z + b</c>: the probabilities of a multinomial logistic regression.</summary>
    public static double[] Softmax(IReadOnlyList<double> z, IReadOnlyList<double[]> weights, IReadOnlyList<double> bias)
    {
        var logits = weights.Select((w, k) => bias[k] + w.Select((x, j) => x * z[j]).Sum()).ToArray();
        var max = logits.Max();
        var exp = logits.Select(l => Math.Exp(l - max)).ToArray();
        var sum = exp.Sum();
        return exp.Select(e => e / sum).ToArray();
    }

    /// <summary>
    /// The record's probability of each label in <see cref="RhythmLabels.All"/>'s order: ~ as the CinC model's mean over
    /// the leads (<paramref name="cincMean"/>), N, A and O the head's probabilities of what is left.
    /// </summary>
    public double[] Probabilities(IReadOnlyList<double> cincMean, IReadOnlyList<double> features)
    {
        var noisy = RhythmLabels.Index("~");
        var head = ClassProbabilities(features);
        return RhythmLabels.All.Select((l, c) => c == noisy ? cincMean[c] : (1 - cincMean[noisy]) * head[Array.IndexOf(Classes, l)]).ToArray();
    }

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n");

    public static RestingRhythmHead Load(string path)
    {
        RestingRhythmHead? head;
        try { head = JsonSerializer.Deserialize<RestingRhythmHead>(File.ReadAllText(path), Json); }
        catch (JsonException e) { throw new ModelFormatException(path, e.Path ?? "head", "not a rhythm head: " + e.Message, e); }
        if (head is null) throw new ModelFormatException(path, "head", "empty");
        if (!head.Features.SequenceEqual(RestingRhythmFeatures.Names))
            throw new ModelFormatException(path, "features", $"the head reads {string.Join(",", head.Features)}, the code computes {string.Join(",", RestingRhythmFeatures.Names)}");
        var d = head.Features.Length;
        if (head.Mean.Length != d || head.Scale.Length != d || head.Scale.Any(s => !(s > 0)))
            throw new ModelFormatException(path, "mean/scale", $"need {d} values each, scales positive");
        if (head.Weights.Length != Classes.Length || head.Weights.Any(w => w.Length != d) || head.Bias.Length != Classes.Length)
            throw new ModelFormatException(path, "weights", $"need {Classes.Length} rows of {d} weights and {Classes.Length} biases");
        if (head.Weights.SelectMany(w => w).Concat(head.Bias).Concat(head.Mean).Any(v => !double.IsFinite(v)))
            throw new ModelFormatException(path, "weights", "contain NaN or infinity");
        return head;
    }

    public static string ShippedCardPath => Path.Combine(AppContext.BaseDirectory, "Weights", ShippedCardFile);

    /// <summary>A head from its card, verifying the weights file's SHA-256 against the card first.</summary>
    public static RestingRhythmHead LoadCard(string cardPath) => Load(ModelCard.Load(cardPath).VerifiedWeightsPath(cardPath));
}
