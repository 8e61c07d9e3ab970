using Einthoven.Learning.Layers;

namespace Einthoven.Learning.Optimizers;

/// <summary>
/// Adam with bias correction and decoupled weight decay (Loshchilov and Hutter):
/// w ← w·(1 − lr·λ) − lr·m̂ / (√v̂ + ε). Parameters that opt out of decay (<see cref="Parameter.Decay"/>) only take the Adam step.
/// </summary>
public sealed class AdamW : Optimizer
{
    private readonly float[][] firstMoment, secondMoment;

    public AdamW(IEnumerable<Parameter> parameters, ILearningRateSchedule schedule, float beta1 = 0.9f, float beta2 = 0.999f,
        float epsilon = 1e-8f, float weightDecay = 0.01f) : base(parameters, schedule, weightDecay)
    {
        if (beta1 is < 0f or >= 1f || beta2 is < 0f or >= 1f || epsilon <= 0f)
            throw new ArgumentException("Adam needs betas in [0, 1) and a positive epsilon");
        (Beta1, Beta2, Epsilon) = (beta1, beta2, epsilon);
        firstMoment = NewState();
        secondMoment = NewState();
    }

    public float Beta1 { get; }
    public float Beta2 { get; }
    public float Epsilon { get; }

    protected override void Update(int index, Parameter parameter, float rate)
    {
        var w = parameter.Value.Data;
        var g = parameter.Grad.Data;
        float[] m = firstMoment[index], v = secondMoment[index];
        var correction1 = 1 - MathF.Pow(Beta1, StepCount);
        var correction2 = 1 - MathF.Pow(Beta2, StepCount);
        var shrink = 1f - rate * (parameter.Decay ? WeightDecay : 0f);
        for (var i = 0; i < w.Length; i++)
        {
            var grad = g[i];
            m[i] = Beta1 * m[i] + (1 - Beta1) * grad;
            v[i] = Beta2 * v[i] + (1 - Beta2) * grad * grad;
            var mHat = m[i] / correction1;
            var vHat = v[i] / correction2;
            w[i] = w[i] * shrink - rate * mHat / (MathF.Sqrt(vHat) + Epsilon);
        }
    }
}
