namespace Einthoven.Signal.Synthesis;

/// <summary>Standard normal deviates by the Box-Muller transform, using both values of each pair.</summary>
public sealed class GaussianNoise(Random random)
{
    private double _spare;
    private bool _hasSpare;

    public Random Random => random;

    public double Next()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spare;
        }
        var radius = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble()));
        var (sin, cos) = Math.SinCos(2 * Math.PI * random.NextDouble());
        _spare = radius * sin;
        _hasSpare = true;
        return radius * cos;
    }
}
