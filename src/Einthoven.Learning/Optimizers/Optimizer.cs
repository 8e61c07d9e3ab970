using Einthoven.Learning.Layers;

namespace Einthoven.Learning.Optimizers;

/// <summary>Updates parameters from their accumulated gradients, one step at a time.</summary>
public abstract class Optimizer
{
    protected Optimizer(IEnumerable<Parameter> parameters, ILearningRateSchedule schedule, float weightDecay)
    {
        Parameters = parameters.ToArray();
        if (Parameters.Count == 0) throw new ArgumentException("optimiser has no parameters to update");
        if (weightDecay < 0) throw new ArgumentException("weight decay must not be negative");
        Schedule = schedule;
        WeightDecay = weightDecay;
    }

    public IReadOnlyList<Parameter> Parameters { get; }
    public ILearningRateSchedule Schedule { get; }
    public float WeightDecay { get; }

    /// <summary>Number of steps taken so far.</summary>
    public int StepCount { get; private set; }

    /// <summary>The rate the next step will use.</summary>
    public float LearningRate => Schedule.Rate(StepCount);

    public void Step()
    {
        var rate = LearningRate;
        StepCount++;
        for (var i = 0; i < Parameters.Count; i++) Update(i, Parameters[i], rate);
    }

    /// <summary>Applies one update to parameter <paramref name="index"/>; weight decay applies where <see cref="Parameter.Decay"/>.</summary>
    protected abstract void Update(int index, Parameter parameter, float rate);

    protected float[][] NewState() => Parameters.Select(p => new float[p.Value.Length]).ToArray();
}
