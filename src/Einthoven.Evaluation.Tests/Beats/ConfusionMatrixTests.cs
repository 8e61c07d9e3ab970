using Einthoven.Evaluation.Beats;
using Einthoven.Models.Beats;

namespace Einthoven.Evaluation.Tests.Beats;

public class ConfusionMatrixTests
{
    [Fact]
    public void Sensitivity_counts_missed_beats_and_predictivity_counts_extra_detections()
    {
        var m = new ConfusionMatrix();
        m.Add(AamiClass.N, AamiClass.N, 90);
        m.Add(AamiClass.N, AamiClass.S, 10);
        m.Add(AamiClass.S, AamiClass.S, 30);
        m.Add(AamiClass.S, AamiClass.N, 10);
        m.AddMissed(AamiClass.S, 10);
        m.AddExtra(AamiClass.S, 10);
        Assert.Equal(30.0 / 50, m.Sensitivity(AamiClass.S), 9);
        Assert.Equal(30.0 / 50, m.PositivePredictivity(AamiClass.S), 9);
        Assert.Equal(90.0 / 100, m.Sensitivity(AamiClass.N), 9);
        Assert.Equal(120.0 / 140, m.Accuracy, 9);
        Assert.True(double.IsNaN(m.Sensitivity(AamiClass.V)));
        Assert.Equal(0, m.F1(AamiClass.V));
        Assert.Equal((0.9 + 0.6) / 2, m.BalancedAccuracy, 9);
    }

    [Fact]
    public void Matrices_add_up_and_format_every_class()
    {
        var a = new ConfusionMatrix();
        a.Add(AamiClass.V, AamiClass.F, 3);
        var b = new ConfusionMatrix();
        b.Add(AamiClass.V, AamiClass.F, 4);
        b.AddMissed(AamiClass.Q);
        a.Add(b);
        Assert.Equal(7, a[AamiClass.V, AamiClass.F]);
        Assert.Equal(1, a.Missed(AamiClass.Q));
        var text = a.Format();
        foreach (var c in AamiMapping.Classes) Assert.Contains(c.ToString(), text);
        Assert.Contains("missed", text);
        Assert.Contains("extra", text);
    }
}
