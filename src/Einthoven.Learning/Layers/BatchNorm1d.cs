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
    private Tensor? input, normalized, output, inputGradient;
    private float[] inverseStd = [], scales = [], shifts = [];
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
        var y = Tensor.Reuse(ref output, x.Shape);
        if (inverseStd.Length != Channels) inverseStd = new float[Channels];
        trainedPass = context.Training;
        input = x;
        if (context.Training) Require(count > 1, ToString(), "training needs more than one value per channel");
        else
        {
            Infer(x, y, n, length);
            return y;
        }
        var xhat = Tensor.Reuse(ref normalized, x.Shape);
        for (var c = 0; c < Channels; c++)
        {
            var (mean, variance, unbiased) = Statistics(x, xhat, c, n, length);
            runningMean.Span[c] = (1 - Momentum) * runningMean.Span[c] + Momentum * mean;
            runningVar.Span[c] = (1 - Momentum) * runningVar.Span[c] + Momentum * unbiased;
            var inv = 1f / MathF.Sqrt(variance + Epsilon);
            inverseStd[c] = inv;
            float scale = gamma.Value.Span[c], shift = beta.Value.Span[c];
            for (var s = 0; s < n; s++)
            {
                var normal = Row(xhat, s, c, length);
                TensorPrimitives.Multiply(normal, inv, normal);
                Fused.Affine(normal, scale, shift, Row(y, s, c, length));
            }
        }
        return y;
    }

    public override Tensor Backward(Tensor dy)
    {
        var x = input ?? throw new InvalidOperationException("BatchNorm1d.Backward called before Forward");
        int n = x.Dim(0), length = x.Rank == 3 ? x.Dim(2) : 1, count = n * length;
        var xhat = trainedPass ? normalized! : NormalizeWithRunningStatistics(x, n, length);
        var dx = Tensor.Reuse(ref inputGradient, x.Shape);
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
                Fused.NormalizationGradient(Row(dy, s, c, length), Row(xhat, s, c, length), k, meanDy, meanDyXhat, Row(dx, s, c, length));
        }
        return dx;
    }

    // Inference: one pass in memory order, y = x * (gamma / std) + (beta - mean * gamma / std) with running statistics.
    private void Infer(Tensor x, Tensor y, int n, int length)
    {
        if (scales.Length != Channels) (scales, shifts) = (new float[Channels], new float[Channels]);
        for (var c = 0; c < Channels; c++)
        {
            var inv = 1f / MathF.Sqrt(runningVar.Span[c] + Epsilon);
            inverseStd[c] = inv;
            scales[c] = gamma.Value.Span[c] * inv;
            shifts[c] = beta.Value.Span[c] - runningMean.Span[c] * scales[c];
        }
        for (var s = 0; s < n; s++)
        {
            if (length == 1)
            {
                // [N, C]: a whole sample is one vector operation.
                TensorPrimitives.FusedMultiplyAdd(x.Sample(s), scales, shifts, y.Sample(s));
                continue;
            }
            for (var c = 0; c < Channels; c++) Fused.Affine(Row(x, s, c, length), scales[c], shifts[c], Row(y, s, c, length));
        }
    }

    /// <summary>Batch mean, biased and unbiased variance of channel c; leaves x - mean in <paramref name="centred"/>.</summary>
    private (float Mean, float Variance, float Unbiased) Statistics(Tensor x, Tensor centred, int c, int n, int length)
    {
        var count = n * length;
        double sum = 0;
        for (var s = 0; s < n; s++) sum += TensorPrimitives.Sum(Row(x, s, c, length));
        var mean = (float)(sum / count);
        double squares = 0;
        for (var s = 0; s < n; s++)
        {
            var row = Row(centred, s, c, length);
            TensorPrimitives.Subtract(Row(x, s, c, length), mean, row);
            squares += TensorPrimitives.SumOfSquares(row);
        }
        return (mean, (float)(squares / count), (float)(squares / (count - 1)));
    }

    private Tensor NormalizeWithRunningStatistics(Tensor x, int n, int length)
    {
        var xhat = Tensor.Reuse(ref normalized, x.Shape);
        for (var c = 0; c < Channels; c++)
            for (var s = 0; s < n; s++)
                Fused.Affine(Row(x, s, c, length), inverseStd[c], -runningMean.Span[c] * inverseStd[c], Row(xhat, s, c, length));
        return xhat;
    }

    private Span<float> Row(Tensor t, int sample, int channel, int length) => t.Data.AsSpan((sample * Channels + channel) * length, length);
}
