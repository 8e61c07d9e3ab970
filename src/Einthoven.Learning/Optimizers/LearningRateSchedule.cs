namespace Einthoven.Learning.Optimizers;

/// <summary>The learning rate for the optimiser step with 0-based index <c>step</c>.</summary>
public interface ILearningRateSchedule
{
    float Rate(int step);
}

public sealed class ConstantSchedule(float rate) : ILearningRateSchedule
{
    public float Rate(int step) => rate;
    public override string ToString() => $"constant {rate}";
}

/// <summary>
/// Linear warm-up from peak / warmupSteps to <paramref name="peak"/> over <paramref name="warmupSteps"/> steps,
/// then half-cosine decay to <paramref name="floor"/> at <paramref name="totalSteps"/>, and the floor after that.
/// </summary>
public sealed class WarmupCosineSchedule : ILearningRateSchedule
{
    private readonly float peak, floor;
    private readonly int warmupSteps, totalSteps;

    public WarmupCosineSchedule(float peak, int warmupSteps, int totalSteps, float floor = 0f)
    {
        if (peak <= 0 || floor < 0 || floor > peak) throw new ArgumentException("need 0 <= floor <= peak and peak > 0");
        if (warmupSteps < 0 || totalSteps <= warmupSteps) throw new ArgumentException("need 0 <= warmupSteps < totalSteps");
        (this.peak, this.floor, this.warmupSteps, this.totalSteps) = (peak, floor, warmupSteps, totalSteps);
    }

    public float Rate(int step)
    {
        if (step < warmupSteps) return peak * (step + 1) / warmupSteps;
        if (step >= totalSteps) return floor;
        var progress = (double)(step - warmupSteps) / (totalSteps - warmupSteps);
        return (float)(floor + (peak - floor) * 0.5 * (1 + Math.Cos(Math.PI * progress)));
    }

    public override string ToString() => $"warm-up {warmupSteps} steps to {peak}, cosine to {floor} at step {totalSteps}";
}
