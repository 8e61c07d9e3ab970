using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Einthoven.Learning.Tensors;

namespace Einthoven.Learning.Layers;

/// <summary>
/// Batch normalisation over the channel axis of [N, C, L] (or [N, C]). Training normalises with the batch mean and
/// (biased) variance and moves the running statistics by <see cref="Momentum"/> towards the batch mean and unbiased
/// variance; inference uses the running statistics. Same conventions as PyTorch.
/// </summary>
public sealed class BatchNorm1d : Layer
{
    private readonly Parameter gamma, beta;
    private readonly Tensor runningMean, runningVar;
    private Tensor? normalized, output, inputGradient;
    private float[] inverseStd = [];
    private bool trainedPass;

    public BatchNorm1d(int channels, float momentum = 0.1f, float epsilon = 1e-5f)
    {
        Require(channels > 0, "BatchNorm1d", "channel count must be positive");
        Require(momentum is > 0f and <= 1f && epsilon > 0f, "BatchNorm1d", "momentum must be in (0, 1] and epsilon positive");
        Channels = channels;
        Momentum = momentum;
        Epsilon = epsilon;
        gamma = new Parameter("weight", [channels], Init.Ones);
        beta = new Parameter("bias", [channels], Init.Zeros);
        runningMean = new Tensor(channels);
        runningVar = new Tensor(channels);
        runningVar.Span.Fill(1f);
    }

    private BatchNorm1d(BatchNorm1d source)
    {
        Channels = source.Channels;
        Momentum = source.Momentum;
        Epsilon = source.Epsilon;
        gamma = source.gamma.ShareValue();
        beta = source.beta.ShareValue();
        runningMean = CopyState(source.runningMean);
        runningVar = CopyState(source.runningVar);
    }

    public int Channels { get; }
    public float Momentum { get; }
    public float Epsilon { get; }
    public Tensor RunningMean => runningMean;
    public Tensor RunningVariance => runningVar;

    public override IReadOnlyList<Parameter> OwnParameters => [gamma, beta];
    public override IReadOnlyList<StateTensor> OwnState => [new("running_mean", runningMean), new("running_var", runningVar)];
    public override Layer Replicate() => new BatchNorm1d(this);
    public override string ToString() => $"BatchNorm1d({Channels})";

    public override Tensor Forward(Tensor x, PassContext context)
    {
        Require((x.Rank == 3 || x.Rank == 2) && x.Dim(1) == Channels, ToString(), $"expects [N, {Channels}, L] or [N, {Channels}], got {x}");
        int n = x.Dim(0), length = x.Rank == 3 ? x.Dim(2) : 1, count = n * length;
        var xhat = Tensor.Reuse(ref normalized, x.Shape);
        var y = Tensor.Reuse(ref output, x.Shape);
        if (inverseStd.Length != Channels) inverseStd = new float[Channels];
        trainedPass = context.Training;
        if (context.Training) Require(count > 1, ToString(), "training needs more than one value per channel");
        for (var c = 0; c < Channels; c++)
        {
            float mean, variance;
            if (context.Training)
            {
                double sum = 0;
                for (var s = 0; s < n; s++) sum += TensorPrimitives.Sum(Row(x, s, c, length));
                mean = (float)(sum / count);
                double squares = 0;
                for (var s = 0; s < n; s++)
                {
                    var row = Row(x, s, c, length);
                    var centred = Row(xhat, s, c, length);
                    TensorPrimitives.Subtract(row, mean, centred);
                    squares += TensorPrimitives.SumOfSquares(centred);
                }
                variance = (float)(squares / count);
                runningMean.Span[c] = (1 - Momentum) * runningMean.Span[c] + Momentum * mean;
                runningVar.Span[c] = (1 - Momentum) * runningVar.Span[c] + Momentum * (float)(squares / (count - 1));
            }
            else
            {
                mean = runningMean.Span[c];
                variance = runningVar.Span[c];
            }
            var inv = 1f / MathF.Sqrt(variance + Epsilon);
            inverseStd[c] = inv;
            float scale = gamma.Value.Span[c], shift = beta.Value.Span[c];
            for (var s = 0; s < n; s++)
            {
                var normal = Row(xhat, s, c, length);
                if (context.Training) TensorPrimitives.Multiply(normal, inv, normal);
                else Affine(Row(x, s, c, length), inv, -mean * inv, normal);
                Affine(normal, scale, shift, Row(y, s, c, length));
            }
        }
        return y;
    }

    public override Tensor Backward(Tensor dy)
    {
        var xhat = normalized ?? throw new InvalidOperationException("BatchNorm1d.Backward called before Forward");
        int n = xhat.Dim(0), length = xhat.Rank == 3 ? xhat.Dim(2) : 1, count = n * length;
        var dx = Tensor.Reuse(ref inputGradient, xhat.Shape);
        for (var c = 0; c < Channels; c++)
        {
            double sumDy = 0, sumDyXhat = 0;
            for (var s = 0; s < n; s++)
            {
                var g = Row(dy, s, c, length);
                sumDy += TensorPrimitives.Sum(g);
                sumDyXhat += TensorPrimitives.Dot(g, Row(xhat, s, c, length));
            }
            gamma.Grad.Span[c] += (float)sumDyXhat;
            beta.Grad.Span[c] += (float)sumDy;
            var k = gamma.Value.Span[c] * inverseStd[c];
            // Training: dx = k * (dy - mean(dy) - xhat * mean(dy * xhat)); inference: statistics are constants.
            var meanDy = trainedPass ? (float)(sumDy / count) : 0f;
            var meanDyXhat = trainedPass ? (float)(sumDyXhat / count) : 0f;
            for (var s = 0; s < n; s++)
            {
                var target = Row(dx, s, c, length);
                TensorPrimitives.Multiply(Row(xhat, s, c, length), -meanDyXhat, target);
                TensorPrimitives.Add(target, Row(dy, s, c, length), target);
                Affine(target, k, -meanDy * k, target);
            }
        }
        return dx;
    }

    private static void Affine(ReadOnlySpan<float> x, float scale, float shift, Span<float> y)
    {
        TensorPrimitives.Multiply(x, scale, y);
        TensorPrimitives.Add(y, shift, y);
    }

    private Span<float> Row(Tensor t, int sample, int channel, int length) => t.Data.AsSpan((sample * Channels + channel) * length, length);
}
