using Einthoven.Learning.Tensors;

namespace Einthoven.Learning.Losses;

internal static class LossShapes
{
    public static void Check(Tensor logits, Tensor targets, Tensor? gradient, int targetWidth)
    {
        if (logits.Rank != 2) throw new ArgumentException($"loss expects logits [N, C], got {logits}");
        if (!targets.HasShape(logits.Dim(0), targetWidth))
            throw new ArgumentException($"loss expects targets [{logits.Dim(0)}, {targetWidth}], got {targets}");
        if (gradient is not null && !gradient.HasShape(logits.Shape))
            throw new ArgumentException($"loss gradient must match logits {logits}, got {gradient}");
    }
}
