using Einthoven.Evaluation.Beats;
using Einthoven.Models.Beats;

namespace Einthoven.Training.Retraining;

/// <summary>The pre-registered metric a challenger is judged by: the mean of the F1 scores of N, S and V.</summary>
public static class HoldoutMetric
{
    public const string Name = "mean_f1_nsv";

    public static readonly IReadOnlyList<AamiClass> Classes = [AamiClass.N, AamiClass.S, AamiClass.V];

    public static double Of(ConfusionMatrix matrix) => Classes.Average(matrix.F1);
}
