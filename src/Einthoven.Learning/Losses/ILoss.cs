using Einthoven.Learning.Tensors;

namespace Einthoven.Learning.Losses;

/// <summary>A loss over logits [N, C] and targets [N, <see cref="TargetWidth"/>].</summary>
public interface ILoss
{
    /// <summary>Target values per sample for a model with <paramref name="outputs"/> logits.</summary>
    int TargetWidth(int outputs);

    /// <summary>
    /// Returns the sum over the batch of the per-sample losses. When <paramref name="gradient"/> is given it receives
    /// <paramref name="scale"/> times the gradient of that sum with respect to the logits (pass 1 / batch size for
    /// the gradient of the mean).
    /// </summary>
    double Evaluate(Tensor logits, Tensor targets, Tensor? gradient = null, float scale = 1f);
}
