using Einthoven.Models.Rhythm;

namespace Einthoven.Evaluation.Rhythm;

/// <summary>
/// The CinC 2017 score over a 4x4 confusion matrix (rows: reference, columns: prediction, order N, A, O, ~):
/// per-class F1 = 2 * hits / (reference count + predicted count), and the score is the mean F1 of N, A and O.
/// </summary>
public sealed class RhythmScore
{
    private readonly int[,] confusion = new int[RhythmLabels.All.Length, RhythmLabels.All.Length];

    public void Add(int reference, int predicted) => confusion[reference, predicted]++;

    public int this[int reference, int predicted] => confusion[reference, predicted];

    public int Total => confusion.Cast<int>().Sum();

    public double F1(int label)
    {
        int referenceCount = 0, predictedCount = 0;
        for (var k = 0; k < RhythmLabels.All.Length; k++)
        {
            referenceCount += confusion[label, k];
            predictedCount += confusion[k, label];
        }
        return referenceCount + predictedCount == 0 ? 0 : 2.0 * confusion[label, label] / (referenceCount + predictedCount);
    }

    /// <summary>Mean F1 of N, A and O (noisy is scored in the matrix but not averaged, as in the challenge).</summary>
    public double Score => (F1(0) + F1(1) + F1(2)) / 3;

    public static RhythmScore Of(IReadOnlyList<int> references, IReadOnlyList<int> predictions)
    {
        if (references.Count != predictions.Count)
            throw new ArgumentException($"{references.Count} references but {predictions.Count} predictions");
        var score = new RhythmScore();
        for (var i = 0; i < references.Count; i++) score.Add(references[i], predictions[i]);
        return score;
    }
}
