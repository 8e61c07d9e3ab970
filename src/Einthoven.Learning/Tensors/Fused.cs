using System.Numerics;

namespace Einthoven.Learning.Tensors;

/// <summary>Single-pass vector loops for element-wise expressions that would otherwise take several passes.</summary>
internal static class Fused
{
    /// <summary>y = a * x + b.</summary>
    public static void Affine(ReadOnlySpan<float> x, float a, float b, Span<float> y)
    {
        var va = new Vector<float>(a);
        var vb = new Vector<float>(b);
        var i = 0;
        for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
            (new Vector<float>(x[i..]) * va + vb).CopyTo(y[i..]);
        for (; i < x.Length; i++) y[i] = a * x[i] + b;
    }

    /// <summary>dx = k * (dy - meanDy - xhat * meanDyXhat), the batch-norm input gradient.</summary>
    public static void NormalizationGradient(ReadOnlySpan<float> dy, ReadOnlySpan<float> xhat, float k, float meanDy, float meanDyXhat, Span<float> dx)
    {
        var vk = new Vector<float>(k);
        var vm = new Vector<float>(meanDy);
        var vmx = new Vector<float>(meanDyXhat);
        var i = 0;
        for (; i <= dy.Length - Vector<float>.Count; i += Vector<float>.Count)
            (vk * (new Vector<float>(dy[i..]) - vm - new Vector<float>(xhat[i..]) * vmx)).CopyTo(dx[i..]);
        for (; i < dy.Length; i++) dx[i] = k * (dy[i] - meanDy - xhat[i] * meanDyXhat);
    }
}
