using Einthoven.Learning.Losses;
using Einthoven.Learning.Tensors;
using static Einthoven.Learning.Tests.GradientChecker;

namespace Einthoven.Learning.Tests.Losses;

public class LossTests
{
    [Fact]
    public void SoftmaxCrossEntropyGradientMatchesFiniteDifferences()
    {
        var loss = new SoftmaxCrossEntropy([0.5f, 2f, 1f, 3f]);
        var logits = RandomTensor(1, 6, 4);
        var targets = new Tensor([0, 1, 2, 3, 1, 3], 6, 1);
        CheckLossGradient(loss, logits, targets, scale: 1f / 6);
    }

    [Fact]
    public void SigmoidBinaryCrossEntropyGradientMatchesFiniteDifferences()
    {
        var loss = new SigmoidBinaryCrossEntropy([1f, 3f, 0.5f]);
        var logits = RandomTensor(2, 5, 3);
        var targets = new Tensor([1, 0, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0, 1, 0.5f, 0], 5, 3);
        CheckLossGradient(loss, logits, targets, scale: 0.25f);
    }

    [Fact]
    public void CrossEntropyMatchesHandComputedValue()
    {
        // logits (0, ln 3): p = (1/4, 3/4); class 1 with weight 2 -> 2 * -ln(3/4)
        var loss = new SoftmaxCrossEntropy([1f, 2f]);
        var value = loss.Evaluate(new Tensor([0f, MathF.Log(3f)], 1, 2), new Tensor([1f], 1, 1));
        Assert.Equal(2 * -Math.Log(0.75), value, 5);
    }

    [Fact]
    public void BinaryCrossEntropyMatchesHandComputedValueAndIsStableForLargeLogits()
    {
        var loss = new SigmoidBinaryCrossEntropy([2f, 1f]);
        // class 0: y=1, x=0 -> 2 * ln 2; class 1: y=0, x=0 -> ln 2; mean over 2 classes
        Assert.Equal(1.5 * Math.Log(2), loss.Evaluate(new Tensor([0f, 0f], 1, 2), new Tensor([1f, 0f], 1, 2)), 5);
        var extreme = loss.Evaluate(new Tensor([100f, -100f], 1, 2), new Tensor([0f, 1f], 1, 2));
        Assert.Equal((100.0 + 2 * 0 + 100.0) / 2, extreme, 3);
        Assert.True(double.IsFinite(loss.Evaluate(new Tensor([1000f, -1000f], 1, 2), new Tensor([1f, 0f], 1, 2))));
    }

    [Fact]
    public void RejectsBadTargets()
    {
        var ce = new SoftmaxCrossEntropy();
        Assert.Contains("not a class index", Assert.Throws<ArgumentException>(() => ce.Evaluate(new Tensor(2, 3), new Tensor([0f, 3f], 2, 1))).Message);
        Assert.Contains("not a class index", Assert.Throws<ArgumentException>(() => ce.Evaluate(new Tensor(1, 3), new Tensor([0.5f], 1, 1))).Message);
        Assert.Throws<ArgumentException>(() => ce.Evaluate(new Tensor(2, 3), new Tensor(3, 1)));
        Assert.Throws<ArgumentException>(() => new SoftmaxCrossEntropy([1f, 2f]).Evaluate(new Tensor(2, 3), new Tensor(2, 1)));
        var bce = new SigmoidBinaryCrossEntropy();
        Assert.Contains("outside [0, 1]", Assert.Throws<ArgumentException>(() => bce.Evaluate(new Tensor(1, 2), new Tensor([0f, 2f], 1, 2))).Message);
        Assert.Throws<ArgumentException>(() => bce.Evaluate(new Tensor(1, 2), new Tensor([float.NaN, 0f], 1, 2)));
    }

    [Fact]
    public void BalancedWeightsEqualiseClassTotals()
    {
        var weights = SoftmaxCrossEntropy.BalancedWeights([0, 0, 0, 1, 2, 2], 4);
        Assert.Equal([0.5f, 1.5f, 0.75f, 0f], weights);
        Assert.Throws<ArgumentException>(() => SoftmaxCrossEntropy.BalancedWeights([5], 4));
    }

    [Fact]
    public void ProbabilitiesAreNormalised()
    {
        var p = SoftmaxCrossEntropy.Probabilities(new Tensor([1f, 2f, 3f, 1000f, 0f, -1000f], 2, 3));
        Assert.Equal(1f, p.Data[0] + p.Data[1] + p.Data[2], 5);
        Assert.Equal(1f, p.Data[3], 5);
        Assert.Equal(0.5f, SigmoidBinaryCrossEntropy.Probabilities(new Tensor([0f], 1, 1)).Data[0]);
    }

    private static void CheckLossGradient(ILoss loss, Tensor logits, Tensor targets, float scale)
    {
        var gradient = new Tensor(logits.Shape);
        loss.Evaluate(logits, targets, gradient, scale);
        var rng = new SplitMix64(3);
        CompareEntries("logits", logits.Data, gradient.Data, () => scale * loss.Evaluate(logits, targets), 1e-2f, 1e-2, 1e-4, logits.Length, ref rng);
    }
}
