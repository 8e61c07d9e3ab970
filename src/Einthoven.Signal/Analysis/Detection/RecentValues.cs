namespace Einthoven.Signal.Analysis.Detection;

/// <summary>The last few values of a quantity (peak heights, RR intervals) and their median, without allocating.</summary>
internal sealed class RecentValues(int capacity)
{
    private readonly double[] _values = new double[capacity];
    private readonly double[] _sorted = new double[capacity];
    private int _count;
    private int _next;

    public int Count => _count;

    public void Add(double value)
    {
        _values[_next] = value;
        _next = (_next + 1) % _values.Length;
        if (_count < _values.Length) _count++;
    }

    public void Clear() => _count = _next = 0;

    public double Median(double fallback)
    {
        if (_count == 0) return fallback;
        Array.Copy(_values, _sorted, _count);
        Array.Sort(_sorted, 0, _count);
        return _count % 2 == 1 ? _sorted[_count / 2] : (_sorted[_count / 2 - 1] + _sorted[_count / 2]) / 2;
    }
}
