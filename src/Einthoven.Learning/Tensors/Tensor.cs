namespace Einthoven.Learning.Tensors;

/// <summary>
/// A dense float32 tensor: a shape and a contiguous row-major buffer. Signals are batch-first [N, C, L], dense
/// activations [N, F]. The buffer is exposed directly so that kernels can work on spans without copies.
/// </summary>
public sealed class Tensor
{
    public Tensor(params int[] shape) : this(new float[CheckedLength(shape)], shape) { }

    public Tensor(float[] data, params int[] shape)
    {
        var length = CheckedLength(shape);
        if (data.Length != length)
            throw new ArgumentException($"buffer holds {data.Length} values but shape [{string.Join(", ", shape)}] needs {length}", nameof(data));
        Data = data;
        Shape = (int[])shape.Clone();
    }

    public float[] Data { get; }
    public int[] Shape { get; }
    public int Rank => Shape.Length;
    public int Length => Data.Length;
    public Span<float> Span => Data;

    /// <summary>Size of dimension <paramref name="axis"/>; negative axes count from the end.</summary>
    public int Dim(int axis) => Shape[axis < 0 ? Shape.Length + axis : axis];

    /// <summary>The contiguous values of one batch item (everything after the first dimension).</summary>
    public Span<float> Sample(int index)
    {
        var size = Length / Shape[0];
        return Data.AsSpan(index * size, size);
    }

    public float this[params int[] index]
    {
        get => Data[Offset(index)];
        set => Data[Offset(index)] = value;
    }

    public bool HasShape(params int[] shape) => Shape.AsSpan().SequenceEqual(shape);

    public Tensor Clone() => new((float[])Data.Clone(), Shape);

    /// <summary>The same values under another shape of equal length (shares the buffer).</summary>
    public Tensor Reshape(params int[] shape) => new(Data, shape);

    public void Clear() => Array.Clear(Data);

    public override string ToString() => $"Tensor[{string.Join(", ", Shape)}]";

    public static string Format(IReadOnlyList<int> shape) => "[" + string.Join(", ", shape) + "]";

    /// <summary>
    /// Returns <paramref name="cache"/> when it already has <paramref name="shape"/>, otherwise a new tensor stored
    /// into it. Layers keep their activations this way so that training does not allocate every batch.
    /// </summary>
    public static Tensor Reuse(ref Tensor? cache, params int[] shape)
    {
        if (cache is null || !cache.HasShape(shape)) cache = new Tensor(shape);
        return cache;
    }

    private int Offset(int[] index)
    {
        if (index.Length != Shape.Length)
            throw new ArgumentException($"index has {index.Length} dimensions, tensor has {Shape.Length}");
        var offset = 0;
        for (var i = 0; i < index.Length; i++)
        {
            if ((uint)index[i] >= (uint)Shape[i])
                throw new IndexOutOfRangeException($"index {index[i]} out of range for dimension {i} of size {Shape[i]}");
            offset = offset * Shape[i] + index[i];
        }
        return offset;
    }

    private static int CheckedLength(int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Length == 0) throw new ArgumentException("a tensor needs at least one dimension", nameof(shape));
        long length = 1;
        foreach (var d in shape)
        {
            if (d < 0) throw new ArgumentException($"negative dimension in shape {Format(shape)}", nameof(shape));
            length *= d;
            if (length > Array.MaxLength) throw new ArgumentException($"shape {Format(shape)} is too large", nameof(shape));
        }
        return (int)length;
    }
}
