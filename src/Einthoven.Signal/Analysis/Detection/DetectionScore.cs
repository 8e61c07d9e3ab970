namespace Einthoven.Signal.Analysis.Detection;

/// <summary>
/// Beat-by-beat counts of a detector against a reference, and the EC57 statistics derived from them. Scores add up,
/// so a database total is the sum of its records (gross statistics).
/// </summary>
public readonly record struct DetectionScore(int TruePositives, int FalseNegatives, int FalsePositives)
{
    public int ReferenceBeats => TruePositives + FalseNegatives;

    public int DetectedBeats => TruePositives + FalsePositives;

    /// <summary>Se = TP / (TP + FN); 1 when there is nothing to find.</summary>
    public double Sensitivity => ReferenceBeats == 0 ? 1 : (double)TruePositives / ReferenceBeats;

    /// <summary>+P = TP / (TP + FP); 1 when nothing was detected.</summary>
    public double PositivePredictivity => DetectedBeats == 0 ? 1 : (double)TruePositives / DetectedBeats;

    /// <summary>Harmonic mean of Se and +P: 2TP / (2TP + FN + FP).</summary>
    public double F1 => ReferenceBeats + DetectedBeats == 0 ? 1 : 2.0 * TruePositives / (2.0 * TruePositives + FalseNegatives + FalsePositives);

    public int Errors => FalseNegatives + FalsePositives;

    public static DetectionScore operator +(DetectionScore a, DetectionScore b) =>
        new(a.TruePositives + b.TruePositives, a.FalseNegatives + b.FalseNegatives, a.FalsePositives + b.FalsePositives);

    public static DetectionScore Sum(IEnumerable<DetectionScore> scores) => scores.Aggregate(default(DetectionScore), (a, b) => a + b);
}
