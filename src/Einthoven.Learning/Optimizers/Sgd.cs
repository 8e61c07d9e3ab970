using Einthoven.Learning.Layers;

namespace Einthoven.Learning.Optimizers;

/// <summary>SGD with (optionally Nesterov) momentum and L2 weight decay, as in PyTorch: v = μv + g, w -= lr·v.</summary>
public sealed class Sgd : Optimizer
{
    private readonly float[][] velocity;

    public Sgd(IEnumerable<Parameter> parameters, ILearningRateSchedule schedule, float momentum = 0.9f,
        float weightDecay = 0f, bool nesterov = false) : base(parameters, schedule, weightDecay)
    {
        if (momentum is < 0f or >= 1f) throw new ArgumentException("momentum must be in [0, 1)");
        Momentum = momentum;
        Nesterov = nesterov;
        velocity = NewState();
    }

    public float Momentum { get; }
    public bool Nesterov { get; }

    protected override void Update(int index, Parameter parameter, float rate)
    {
        var w = parameter.Value.Data;
        var g = parameter.Grad.Data;
        var v = velocity[index];
        var decay = parameter.Decay ? WeightDecay : 0f;
        for (var i = 0; i < w.Length; i++)
        {
            var grad = g[i] + decay * w[i];
            v[i] = Momentum * v[i] + grad;
            w[i] -= rate * (Nesterov ? grad + Momentum * v[i] : v[i]);
        }
    }
}
