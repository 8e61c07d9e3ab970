namespace Einthoven.Monitoring;

/// <summary>The last <see cref="Capacity"/> samples of one lead, addressed by stream sample number.</summary>
internal sealed class SampleRing(int capacity)
{
    private readonly float[] _buffer = new float[capacity];

    public int Capacity => _buffer.Length;

    /// <summary>Samples added so far (the next sample's number).</summary>
    public long Count { get; private set; }

    /// <summary>The oldest sample number still held.</summary>
    public long Oldest => Math.Max(0, Count - _buffer.Length);

    public void Add(double value) => _buffer[Count++ % _buffer.Length] = (float)value;

    /// <summary>Copies samples [start, start + destination.Length), which must still be held, into <paramref name="destination"/>.</summary>
    public void Copy(long start, Span<double> destination)
    {
        if (start < Oldest || start + destination.Length > Count)
            throw new ArgumentOutOfRangeException(nameof(start), start, $"samples {start}..{start + destination.Length} are not all held ({Oldest}..{Count})");
        for (var i = 0; i < destination.Length; i++) destination[i] = _buffer[(start + i) % _buffer.Length];
    }
}
