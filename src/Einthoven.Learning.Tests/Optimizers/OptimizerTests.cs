using Einthoven.Learning.Layers;
using Einthoven.Learning.Optimizers;

namespace Einthoven.Learning.Tests.Optimizers;

public class OptimizerTests
{
    private static Parameter Weight(float value, float gradient, bool decay = true)
    {
        var p = new Parameter("w", [1], Init.Zeros, decay: decay);
        p.Value.Data[0] = value;
        p.Grad.Data[0] = gradient;
        return p;
    }

    [Fact]
    public void AdamFirstStepMovesByTheLearningRate()
    {
        var p = Weight(2f, -3f);
        new AdamW([p], new ConstantSchedule(0.01f), weightDecay: 0f).Step();
        Assert.Equal(2.01f, p.Value.Data[0], 5);
    }

    [Fact]
    public void AdamWDecaysWeightsIndependentlyOfTheGradient()
    {
        var p = Weight(2f, 0f);
        new AdamW([p], new ConstantSchedule(0.1f), weightDecay: 0.5f).Step();
        Assert.Equal(2f * (1 - 0.1f * 0.5f), p.Value.Data[0], 6);
        // Biases are exempt from decay.
        var bias = Weight(2f, 0f, decay: false);
        new AdamW([bias], new ConstantSchedule(0.1f), weightDecay: 0.5f).Step();
        Assert.Equal(2f, bias.Value.Data[0]);
    }

    [Fact]
    public void OptimisersMinimiseAQuadratic()
    {
        foreach (var make in new Func<Parameter, Optimizer>[]
                 {
                     p => new AdamW([p], new ConstantSchedule(0.05f), weightDecay: 0f),
                     p => new AdamW([p], new WarmupCosineSchedule(0.1f, 10, 400, 0.001f), weightDecay: 0f),
                 })
        {
            var p = Weight(5f, 0f);
            var optimizer = make(p);
            for (var i = 0; i < 400; i++)
            {
                p.Grad.Data[0] = 2 * (p.Value.Data[0] - 1.5f);
                optimizer.Step();
            }
            Assert.Equal(1.5f, p.Value.Data[0], 1);
        }
    }

    [Fact]
    public void WarmupCosineScheduleRisesThenDecaysToTheFloor()
    {
        var schedule = new WarmupCosineSchedule(1f, 4, 14, 0.1f);
        Assert.Equal(0.25f, schedule.Rate(0));
        Assert.Equal(1f, schedule.Rate(3));
        Assert.Equal(1f, schedule.Rate(4));
        Assert.Equal(0.55f, schedule.Rate(9), 5);
        Assert.Equal(0.1f, schedule.Rate(14));
        Assert.Equal(0.1f, schedule.Rate(1000));
        for (var s = 4; s < 14; s++) Assert.True(schedule.Rate(s + 1) <= schedule.Rate(s));
        Assert.Equal(0.3f, new ConstantSchedule(0.3f).Rate(12345));
        Assert.Throws<ArgumentException>(() => new WarmupCosineSchedule(1f, 5, 5));
    }
}
