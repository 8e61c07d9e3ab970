using Einthoven.Learning.Serialization;
using Einthoven.Models.Beats;
using Einthoven.TestSupport;

namespace Einthoven.Server.Tests.Hosting;

/// <summary>Beat models other than the shipped one, for registry tests: the shipped weights with another decision rule.</summary>
public static class TestModels
{
    /// <summary>
    /// Writes beats.safetensors (the shipped tensors, class scales <paramref name="classScales"/> for N,S,V,F,Q) and
    /// beats.card.json into <paramref name="folder"/> (a new folder when null); returns the card's path.
    /// </summary>
    public static string Challenger(string? folder = null, string classScales = "0.0000001,1,1,1,1")
    {
        folder ??= TestData.TempDir();
        Directory.CreateDirectory(folder);
        var shipped = SafeTensors.Read(Path.Combine(Path.GetDirectoryName(BeatClassifier.ShippedCardPath)!, "beats.safetensors"));
        var metadata = shipped.Metadata.ToDictionary(m => m.Key, m => m.Value);
        metadata["class_scales"] = classScales;
        var weights = Path.Combine(folder, "beats.safetensors");
        SafeTensors.Write(weights, shipped.Tensors, metadata);
        var card = ModelCard.Load(BeatClassifier.ShippedCardPath) with { WeightsSha256 = ModelCard.Sha256(weights), Date = "2026-12-07" };
        var cardPath = Path.Combine(folder, "beats.card.json");
        card.Save(cardPath);
        return cardPath;
    }
}
