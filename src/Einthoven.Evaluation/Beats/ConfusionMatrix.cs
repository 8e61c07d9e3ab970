using System.Text;
using Einthoven.Models.Beats;

namespace Einthoven.Evaluation.Beats;

/// <summary>
/// Counts of reference class (rows) against predicted class (columns) over the AAMI classes, plus, for evaluation on
/// detected beats, the reference beats the detector missed and the detections that match no reference beat. Missed
/// beats count against their class's sensitivity and extra detections against their predicted class's positive
/// predictivity, as in ANSI/AAMI EC57.
/// </summary>
public sealed class ConfusionMatrix
{
    private const int K = AamiMapping.ClassCount;
    private readonly long[,] counts = new long[K, K];
    private readonly long[] missed = new long[K], extra = new long[K];

    public long this[AamiClass reference, AamiClass predicted] => counts[(int)reference, (int)predicted];

    /// <summary>Reference beats of a class that no detection matched.</summary>
    public long Missed(AamiClass reference) => missed[(int)reference];

    /// <summary>Detections predicted as a class that matched no reference beat.</summary>
    public long Extra(AamiClass predicted) => extra[(int)predicted];

    public void Add(AamiClass reference, AamiClass predicted, long count = 1) => counts[(int)reference, (int)predicted] += count;

    public void AddMissed(AamiClass reference, long count = 1) => missed[(int)reference] += count;

    public void AddExtra(AamiClass predicted, long count = 1) => extra[(int)predicted] += count;

    public void Add(ConfusionMatrix other)
    {
        for (var r = 0; r < K; r++)
        {
            missed[r] += other.missed[r];
            extra[r] += other.extra[r];
            for (var p = 0; p < K; p++) counts[r, p] += other.counts[r, p];
        }
    }

    /// <summary>Matched beats of a reference class.</summary>
    public long Row(AamiClass reference) => Enumerable.Range(0, K).Sum(p => counts[(int)reference, p]);

    /// <summary>Matched beats predicted as a class.</summary>
    public long Column(AamiClass predicted) => Enumerable.Range(0, K).Sum(r => counts[r, (int)predicted]);

    public long Matched => Enumerable.Range(0, K).Sum(r => Row((AamiClass)r));

    /// <summary>Se = TP / (reference beats of the class, detected or not).</summary>
    public double Sensitivity(AamiClass c) => Ratio(this[c, c], Row(c) + Missed(c));

    /// <summary>+P = TP / (beats predicted as the class, matched or not).</summary>
    public double PositivePredictivity(AamiClass c) => Ratio(this[c, c], Column(c) + Extra(c));

    public double F1(AamiClass c)
    {
        double se = Sensitivity(c), pp = PositivePredictivity(c);
        return se + pp == 0 || double.IsNaN(se) || double.IsNaN(pp) ? 0 : 2 * se * pp / (se + pp);
    }

    /// <summary>Correctly classified matched beats over all matched beats.</summary>
    public double Accuracy => Ratio(Enumerable.Range(0, K).Sum(c => counts[c, c]), Matched);

    /// <summary>Mean sensitivity over the classes that occur (a selection score that does not favour the majority class).</summary>
    public double BalancedAccuracy
    {
        get
        {
            var present = AamiMapping.Classes.Where(c => Row(c) + Missed(c) > 0).ToList();
            return present.Count == 0 ? double.NaN : present.Average(Sensitivity);
        }
    }

    /// <summary>The table as text: rows reference, columns predicted, with the missed column and the extra row.</summary>
    public string Format()
    {
        var text = new StringBuilder();
        text.AppendLine($"{"ref \\ pred",-10}" + string.Concat(AamiMapping.Classes.Select(c => $"{c,9}")) + $"{"missed",9}");
        foreach (var r in AamiMapping.Classes)
            text.AppendLine($"{r,-10}" + string.Concat(AamiMapping.Classes.Select(p => $"{this[r, p],9}")) + $"{Missed(r),9}");
        text.Append($"{"extra",-10}" + string.Concat(AamiMapping.Classes.Select(p => $"{Extra(p),9}")));
        return text.ToString();
    }

    private static double Ratio(long a, long b) => b == 0 ? double.NaN : (double)a / b;
}
