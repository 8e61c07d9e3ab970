using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Einthoven.Learning.Serialization;

/// <summary>
/// What a shipped model is: name, version, architecture, training data and split, metrics, date, and the SHA-256
/// of its weights file, stored as JSON next to the weights.
/// </summary>
public sealed record ModelCard
{
    public required string Name { get; init; }
    public required string Version { get; init; }
    public required string Architecture { get; init; }
    public required string Data { get; init; }
    public required string Split { get; init; }
    public Dictionary<string, double> Metrics { get; init; } = [];
    /// <summary>ISO date, yyyy-MM-dd.</summary>
    public required string Date { get; init; }
    /// <summary>File name of the weights, relative to the card.</summary>
    public required string WeightsFile { get; init; }
    public required string WeightsSha256 { get; init; }
    /// <summary>Anything else a model needs to be used correctly (class names, sampling rate, input length...).</summary>
    public Dictionary<string, string> Details { get; init; } = [];

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>A card for weights already saved at <paramref name="weightsPath"/>, hashing that file.</summary>
    public static ModelCard Describe(string name, string version, Network network, string weightsPath, string data, string split,
        Dictionary<string, double> metrics, DateOnly date, Dictionary<string, string>? details = null) => new()
    {
        Name = name,
        Version = version,
        Architecture = network.Describe(),
        Data = data,
        Split = split,
        Metrics = metrics,
        Date = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        WeightsFile = Path.GetFileName(weightsPath),
        WeightsSha256 = Sha256(weightsPath),
        Details = details ?? [],
    };

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n");

    public static ModelCard Load(string path)
    {
        ModelCard? card;
        try { card = JsonSerializer.Deserialize<ModelCard>(File.ReadAllText(path), Json); }
        catch (FileNotFoundException e) { throw new ModelFormatException(path, "file", "not found", e); }
        catch (JsonException e) { throw new ModelFormatException(path, e.Path ?? "card", "not a valid model card: " + e.Message, e); }
        if (card is null) throw new ModelFormatException(path, "card", "empty");
        if (card.WeightsSha256.Length != 64 || !card.WeightsSha256.All(Uri.IsHexDigit))
            throw new ModelFormatException(path, "weights_sha256", "must be 64 hexadecimal digits");
        if (!DateOnly.TryParseExact(card.Date, "yyyy-MM-dd", out _))
            throw new ModelFormatException(path, "date", $"'{card.Date}' is not yyyy-MM-dd");
        return card;
    }

    /// <summary>The weights file named by a card saved at <paramref name="cardPath"/>, after checking its hash.</summary>
    public string VerifiedWeightsPath(string cardPath)
    {
        var weights = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(cardPath))!, WeightsFile);
        if (!File.Exists(weights)) throw new ModelFormatException(cardPath, "weights_file", $"{weights} does not exist");
        var actual = Sha256(weights);
        if (!string.Equals(actual, WeightsSha256, StringComparison.OrdinalIgnoreCase))
            throw new ModelFormatException(cardPath, "weights_sha256", $"{WeightsFile} has SHA-256 {actual}, the card says {WeightsSha256}");
        return weights;
    }

    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
