using Einthoven.Learning.Kernels;
using Einthoven.Learning.Tensors;

namespace Einthoven.Learning.Tests.Kernels;

public class WindowTests
{
    [Fact]
    public void Col2ImIsTheAdjointOfIm2ColForAnyGeometry()
    {
        var rng = new SplitMix64(21);
        for (var trial = 0; trial < 400; trial++)
        {
            var window = new Window(1 + rng.NextInt(7), 1 + rng.NextInt(3), rng.NextInt(5), 1 + rng.NextInt(3));
            int samples = 1 + rng.NextInt(3), channels = 1 + rng.NextInt(3), length = 1 + rng.NextInt(20);
            var outLength = window.OutputLength(length);
            if (outLength == 0) continue;
            var x = Random(ref rng, samples * channels * length);
            var y = Random(ref rng, channels * window.Kernel * samples * outLength);
            var columns = new float[y.Length];
            window.Im2Col(x, samples, channels, length, columns);
            var back = new float[x.Length];
            window.Col2ImAdd(y, samples, channels, length, back);
            double left = 0, right = 0;
            for (var i = 0; i < y.Length; i++) left += (double)columns[i] * y[i];
            for (var i = 0; i < x.Length; i++) right += (double)x[i] * back[i];
            Assert.True(Math.Abs(left - right) < 1e-3, $"{window}, samples {samples}, channels {channels}, length {length}: {left} vs {right}");
            CheckAgainstDefinition(window, x, samples, channels, length, columns);
        }
    }

    [Theory]
    [InlineData(10, 3, 1, 1, 1, 10)]
    [InlineData(10, 3, 1, 0, 1, 8)]
    [InlineData(10, 3, 2, 1, 1, 5)]
    [InlineData(10, 3, 1, 0, 2, 6)]
    [InlineData(2, 7, 1, 3, 1, 2)]
    [InlineData(1, 2, 2, 0, 1, 0)]
    [InlineData(8, 3, 1, 0, 4, 0)]
    public void OutputLengthFollowsTheConvolutionFormula(int length, int kernel, int stride, int padding, int dilation, int expected) =>
        Assert.Equal(expected, new Window(kernel, stride, padding, dilation).OutputLength(length));

    private static void CheckAgainstDefinition(Window w, float[] x, int samples, int channels, int length, float[] columns)
    {
        var outLength = w.OutputLength(length);
        for (var c = 0; c < channels; c++)
            for (var k = 0; k < w.Kernel; k++)
                for (var s = 0; s < samples; s++)
                    for (var t = 0; t < outLength; t++)
                    {
                        var position = t * w.Stride - w.Padding + k * w.Dilation;
                        var expected = position >= 0 && position < length ? x[(s * channels + c) * length + position] : 0f;
                        Assert.Equal(expected, columns[(c * w.Kernel + k) * samples * outLength + s * outLength + t]);
                    }
    }

    private static float[] Random(ref SplitMix64 rng, int length)
    {
        var values = new float[length];
        for (var i = 0; i < length; i++) values[i] = (float)rng.NextGaussian();
        return values;
    }
}
