namespace Einthoven.Signal.Analysis.Filters;

/// <summary>
/// Runs a <see cref="FilterDesign"/> causally, sample by sample, keeping its state between calls, so a stream cut
/// into chunks of any size gives exactly the output of one pass over the whole signal. Transposed direct form II
/// per section.
/// </summary>
public sealed class CausalFilter
{
    private readonly SecondOrderSection[] _sections;
    private readonly double[] _z1;
    private readonly double[] _z2;

    public CausalFilter(FilterDesign design)
    {
        Design = design;
        _sections = design.Sections.ToArray();
        _z1 = new double[_sections.Length];
        _z2 = new double[_sections.Length];
    }

    public FilterDesign Design { get; }

    /// <summary>Clears the state: the filter behaves as if all earlier input was zero.</summary>
    public void Reset()
    {
        Array.Clear(_z1);
        Array.Clear(_z2);
    }

    /// <summary>
    /// Sets the state to the steady state for a constant input <paramref name="level"/> (as scipy's <c>sosfilt_zi</c>
    /// scaled by it), so a signal starting far from zero gives no start-up transient.
    /// </summary>
    public void Prime(double level)
    {
        var x = level;
        for (var i = 0; i < _sections.Length; i++)
        {
            var s = _sections[i];
            var y = x * s.DcGain;
            _z2[i] = s.B2 * x - s.A2 * y;
            _z1[i] = s.B1 * x - s.A1 * y + _z2[i];
            x = y;
        }
    }

    public double Step(double x)
    {
        for (var i = 0; i < _sections.Length; i++)
        {
            var s = _sections[i];
            var y = s.B0 * x + _z1[i];
            _z1[i] = s.B1 * x - s.A1 * y + _z2[i];
            _z2[i] = s.B2 * x - s.A2 * y;
            x = y;
        }
        return x;
    }

    /// <summary>Filters <paramref name="input"/> into <paramref name="output"/> (same length; may be the same memory).</summary>
    public void Process(ReadOnlySpan<double> input, Span<double> output)
    {
        if (output.Length < input.Length) throw new ArgumentException($"output holds {output.Length} samples, input has {input.Length}", nameof(output));
        for (var i = 0; i < input.Length; i++) output[i] = Step(input[i]);
    }

    /// <summary>A new array with the filtered signal, from a zero state.</summary>
    public static double[] Apply(FilterDesign design, ReadOnlySpan<double> signal)
    {
        var output = new double[signal.Length];
        new CausalFilter(design).Process(signal, output);
        return output;
    }
}
