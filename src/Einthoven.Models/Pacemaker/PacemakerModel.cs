using System.Text.Json;
using Einthoven.Learning.Serialization;
using Einthoven.Models.Rhythm;

namespace Einthoven.Models.Pacemaker;

/// <summary>
/// The learned half of the pacemaker detector: a logistic regression from <see cref="PacemakerFeatures"/>
/// (standardised by the training records' mean and spread, clipped; an unmeasured feature reads as the mean) to the
/// probability of a pacemaker, and the threshold above which a record is called paced. Fitted by
/// <c>einthoven train pacemaker</c>; shipped as <c>Weights/pacemaker.json</c> with its card.
/// </summary>
public sealed record PacemakerModel
{
    private const double Clip = 6;

    public required string[] Features { get; init; }
    public required double[] Mean { get; init; }
    public required double[] Scale { get; init; }

    /// <summary>One weight per standardised feature (the log-odds of paced).</summary>
    public required double[] Weights { get; init; }
    public required double Bias { get; init; }

    /// <summary>Paced when the probability reaches this.</summary>
    public required double Threshold { get; init; }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Features standardised and clipped as the weights expect them; NaN (not measured) becomes 0, the mean.</summary>
    public double[] Standardise(IReadOnlyList<double> features) =>
        features.Select((x, j) => double.IsNaN(x) ? 0 : Math.Clamp((x - Mean[j]) / Scale[j], -Clip, Clip)).ToArray();

    public double Probability(IReadOnlyList<double> features)
    {
        if (features.Count != Features.Length) throw new ArgumentException($"expected {Features.Length} features, got {features.Count}", nameof(features));
        var p = RestingRhythmHead.Softmax(Standardise(features), [new double[Weights.Length], Weights], [0, Bias]);
        return p[1];
    }

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n");

    public static PacemakerModel Load(string path)
    {
        PacemakerModel? model;
        try { model = JsonSerializer.Deserialize<PacemakerModel>(File.ReadAllText(path), Json); }
        catch (JsonException e) { throw new ModelFormatException(path, e.Path ?? "model", "not a pacemaker model: " + e.Message, e); }
        if (model is null) throw new ModelFormatException(path, "model", "empty");
        if (!model.Features.SequenceEqual(PacemakerFeatures.Names))
            throw new ModelFormatException(path, "features", $"the model reads {string.Join(",", model.Features)}, the code computes {string.Join(",", PacemakerFeatures.Names)}");
        var d = model.Features.Length;
        if (model.Mean.Length != d || model.Scale.Length != d || model.Weights.Length != d || model.Scale.Any(s => !(s > 0)))
            throw new ModelFormatException(path, "mean/scale/weights", $"need {d} values each, scales positive");
        if (model.Weights.Concat(model.Mean).Append(model.Bias).Append(model.Threshold).Any(v => !double.IsFinite(v)) || model.Threshold is <= 0 or >= 1)
            throw new ModelFormatException(path, "weights", "contain NaN or infinity, or the threshold is not in (0, 1)");
        return model;
    }
}
