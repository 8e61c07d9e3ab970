using Einthoven.Learning.Layers;
using static Einthoven.Learning.Tests.GradientChecker;

namespace Einthoven.Learning.Tests.Layers;

public class LayerGradientTests
{
    private static readonly PassContext Training = PassContext.Train(7);

    [Theory]
    [InlineData(3, 1, 1, 1, true)]
    [InlineData(5, 2, 2, 1, true)]
    [InlineData(3, 1, 2, 2, false)]
    [InlineData(4, 3, 0, 2, true)]
    [InlineData(7, 1, 0, 1, true)]
    [InlineData(1, 1, 0, 1, true)]
    [InlineData(1, 2, 0, 1, false)]
    [InlineData(3, 2, 4, 3, true)]
    [InlineData(9, 1, 4, 1, true)]
    public void Conv1d(int kernel, int stride, int padding, int dilation, bool bias)
    {
        var conv = new Conv1d(3, 4, kernel, stride, padding, dilation, bias);
        LayerTree.Initialize(conv, 3);
        Check(conv, RandomTensor(2, 2, 3, 17), Training);
        Check(conv, RandomTensor(5, 1, 3, 11), Training, seed: 4);
        // Signals shorter than the kernel's reach, where some taps see only padding.
        if (conv.Window.OutputLength(3) > 0) Check(conv, RandomTensor(6, 2, 3, 3), Training, seed: 5);
    }

    [Theory]
    [InlineData(true, 3)]
    [InlineData(false, 3)]
    [InlineData(true, 2)]
    public void BatchNorm1d(bool training, int rank)
    {
        var bn = new BatchNorm1d(3);
        var rng = new Einthoven.Learning.Tensors.SplitMix64(9);
        for (var c = 0; c < 3; c++)
        {
            bn.OwnParameters[0].Value.Data[c] = 0.5f + c;
            bn.OwnParameters[1].Value.Data[c] = 0.1f * c;
            bn.RunningMean.Data[c] = (float)rng.NextGaussian();
            bn.RunningVariance.Data[c] = 0.5f + c;
        }
        var x = rank == 3 ? RandomTensor(5, 4, 3, 6) : RandomTensor(5, 8, 3);
        Check(bn, x, training ? Training : PassContext.Inference, epsilon: 1e-2f);
    }

    [Fact]
    public void Relu() => Check(new Relu(), AwayFromZero(1, 0.05f, 3, 2, 9), Training);

    [Fact]
    public void Gelu() => Check(new Gelu(), RandomTensor(2, 3, 2, 9), Training, epsilon: 1e-3f);

    [Fact]
    public void MaxPool1d()
    {
        // Distinct, well separated values so that no window has a near tie.
        var x = new Einthoven.Learning.Tensors.Tensor(2, 3, 13);
        var order = Enumerable.Range(0, x.Length).ToArray();
        var rng = new Einthoven.Learning.Tensors.SplitMix64(3);
        rng.Shuffle(order.AsSpan());
        for (var i = 0; i < x.Length; i++) x.Data[i] = order[i] * 0.1f;
        Check(new MaxPool1d(3, 2, 1), x, Training);
        Check(new MaxPool1d(2), x, Training);
    }

    [Theory]
    [InlineData(2, 2, 0)]
    [InlineData(3, 2, 0)]
    [InlineData(3, 1, 0)]
    [InlineData(3, 2, 1)]
    public void MaxPool1d_infers_what_it_trains_with_and_refuses_a_backward_pass_after_inference(int kernel, int stride, int padding)
    {
        var x = RandomTensor(21, 3, 4, 17);
        var pool = new MaxPool1d(kernel, stride, padding);
        var trained = pool.Forward(x, Training).Data.ToArray();
        var inferred = pool.Forward(x, PassContext.Inference);
        Assert.Equal(trained, inferred.Data);
        Assert.Throws<ArgumentException>(() => pool.Backward(inferred));
    }

    [Fact]
    public void GlobalAvgPool1d() => Check(new GlobalAvgPool1d(), RandomTensor(6, 3, 4, 10), Training);

    [Fact]
    public void Dense()
    {
        var dense = new Dense(7, 5);
        LayerTree.Initialize(dense, 2);
        Check(dense, RandomTensor(7, 4, 7), Training);
        Check(new Dense(3, 2, bias: false), RandomTensor(8, 6, 3), Training);
    }

    [Fact]
    public void DropoutInTraining()
    {
        var dropout = new Dropout(0.4f);
        Check(dropout, RandomTensor(9, 3, 20), Training);
    }

    [Fact]
    public void FlattenAndSequential()
    {
        var model = new Sequential(new Conv1d(2, 3, 3, padding: 1), new Gelu(), new MaxPool1d(2), new Flatten(), new Dense(12, 4));
        LayerTree.Initialize(model, 5);
        Check(model, RandomTensor(10, 3, 2, 8), Training);
    }

    [Theory]
    [InlineData(4, 4, 3, 1, 1)]
    [InlineData(3, 5, 3, 2, 1)]
    [InlineData(4, 4, 5, 1, 2)]
    public void ResidualBlock(int inChannels, int outChannels, int kernel, int stride, int dilation)
    {
        var block = new ResidualBlock(inChannels, outChannels, kernel, stride, dilation);
        LayerTree.Initialize(block, 11);
        Check(block, RandomTensor(12, 4, inChannels, 16), Training, epsilon: 1e-3f, relative: 1e-2, absolute: 2e-3);
    }
}
