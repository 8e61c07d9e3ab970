using System.Collections.Concurrent;
using Einthoven.Learning.Serialization;
using Einthoven.Models.Analysis;
using Einthoven.Models.Beats;

namespace Einthoven.Server.ContinuousLearning;

/// <summary>
/// The beat model the analysis runs now: the registry's champion, loaded from its hash-checked files. A promotion or
/// rollback calls <see cref="Use"/>, and the next analysis job reads the new one (<see cref="Analysis.ModelRecordingAnalyzer"/>):
/// no restart. Loaded versions are kept, so switching back is immediate and gives the same predictions. Until the
/// registry is read at start the shipped model runs. Live monitoring keeps the shipped model (docs/SERVER.md).
/// </summary>
public sealed class ActiveModels(ModelAnalyzer shipped, Classification.ClassifierCatalog? classifiers = null)
{
    private volatile Retargeted? _retargeted;

    private sealed record Retargeted(ModelAnalyzer From, Models.TwelveLead.ITwelveLeadClassifier? Classifier, ModelAnalyzer Analyzer);

    private readonly ConcurrentDictionary<string, Lazy<ModelAnalyzer>> _loaded = new(StringComparer.OrdinalIgnoreCase);
    private volatile Current _current = new(0, ShippedSha, shipped);

    /// <summary>The champion's registry version (0 before the registry was read), weights hash and analyzer.</summary>
    public sealed record Current(int Version, string WeightsSha256, ModelAnalyzer Analyzer);

    /// <summary>Serialises promotions and rollbacks in this process.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    public Current Champion => _current;

    /// <summary>The champion's analyzer with the 12-lead classifier an admin chose for the analysis (Classification/ClassifierCatalog.ForAnalysis).</summary>
    public ModelAnalyzer Analyzer
    {
        get
        {
            var champion = _current.Analyzer;
            var chosen = classifiers?.ForAnalysis?.Classifier ?? champion.TwelveLead;
            if (ReferenceEquals(chosen, champion.TwelveLead)) return champion;
            var cached = _retargeted;
            if (cached is not null && ReferenceEquals(cached.From, champion) && ReferenceEquals(cached.Classifier, chosen)) return cached.Analyzer;
            var analyzer = champion.WithTwelveLead(chosen);
            _retargeted = new Retargeted(champion, chosen, analyzer);
            return analyzer;
        }
    }

    public static string ShippedSha => ShippedCard.Value.WeightsSha256.ToLowerInvariant();

    private static readonly Lazy<ModelCard> ShippedCard = new(() => ModelCard.Load(BeatClassifier.ShippedCardPath));

    /// <summary>
    /// The analyzer of the version stored with card <paramref name="cardPath"/> (loaded once, weights hash-checked).
    /// Throws <see cref="ModelFormatException"/> when its files are missing or altered.
    /// </summary>
    public ModelAnalyzer Load(int version, string sha256, string cardPath)
    {
        if (string.Equals(sha256, ShippedSha, StringComparison.OrdinalIgnoreCase)) return shipped;
        var lazy = _loaded.GetOrAdd(sha256, _ => new Lazy<ModelAnalyzer>(() =>
        {
            var beats = BeatClassifier.Load(cardPath);
            // The registry version is in the model's name, so every stored result says which version made it.
            return new ModelAnalyzer(beats, new ModelVersion(beats.Card!.Name, $"{beats.Card.Version}-r{version}"), shipped.Rhythm)
            {
                Pacemaker = shipped.Pacemaker, TwelveLead = shipped.TwelveLead,
            };
        }, LazyThreadSafetyMode.ExecutionAndPublication));
        try { return lazy.Value; }
        catch
        {
            _loaded.TryRemove(sha256, out _);
            throw;
        }
    }

    /// <summary>Makes <paramref name="analyzer"/> (from <see cref="Load"/>) the one new analysis jobs run.</summary>
    public void Use(int version, string sha256, ModelAnalyzer analyzer) => _current = new Current(version, sha256.ToLowerInvariant(), analyzer);
}
