using Einthoven.Learning.Serialization;
using Einthoven.Server.Storage.AtRest;

namespace Einthoven.Server.ContinuousLearning;

/// <summary>
/// The registry's files: each version's weights and card in <c>DATAFOLDER/models/KIND/SHA256/</c>, the folder named by
/// the weights' SHA-256, so that a version's files can never be replaced by others. Loading checks the hash again
/// (<see cref="ModelCard.VerifiedWeightsPath"/>).
/// </summary>
public sealed class ModelFiles(string dataFolder)
{
    public string Folder(string kind, string sha256) => Path.Combine(dataFolder, "models", kind, sha256.ToLowerInvariant());

    /// <summary>The card of a stored version.</summary>
    public string CardPath(string kind, string sha256) => Path.Combine(Folder(kind, sha256), kind + ".card.json");

    /// <summary>
    /// Copies the card at <paramref name="cardPath"/> and its weights into the store, after checking the weights
    /// against the card; returns the stored card. A version already stored is left as it is.
    /// </summary>
    public (ModelCard Card, string CardPath) Import(string kind, string cardPath)
    {
        var card = ModelCard.Load(cardPath);
        if (card.WeightsFile != Path.GetFileName(card.WeightsFile) || card.WeightsFile.StartsWith('.'))
            throw new ModelFormatException(cardPath, "weights_file", $"'{card.WeightsFile}' must be a file name beside the card");
        var weights = card.VerifiedWeightsPath(cardPath);
        var sha = card.WeightsSha256.ToLowerInvariant();
        var stored = CardPath(kind, sha);
        if (File.Exists(stored)) return (ModelCard.Load(stored), stored);
        var folder = Folder(kind, sha);
        var staging = folder + ".importing-" + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory(staging);
        try
        {
            File.Copy(weights, Path.Combine(staging, card.WeightsFile));
            File.Copy(cardPath, Path.Combine(staging, kind + ".card.json"));
            foreach (var file in Directory.GetFiles(staging)) FileModes.Private(file);
            ModelCard.Load(Path.Combine(staging, kind + ".card.json")).VerifiedWeightsPath(Path.Combine(staging, kind + ".card.json"));
            Directory.Move(staging, folder);
        }
        catch (IOException) when (File.Exists(stored)) { } // stored meanwhile by another import of the same weights
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
        return (ModelCard.Load(stored), stored);
    }
}
