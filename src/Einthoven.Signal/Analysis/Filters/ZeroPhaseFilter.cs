namespace Einthoven.Signal.Analysis.Filters;

/// <summary>
/// Forward-backward filtering (as scipy's <c>sosfiltfilt</c>): the squared magnitude response with no phase shift,
/// so waves keep their timing. The ends are extended by odd reflection and each pass starts from the steady state of
/// its first sample, which keeps edge transients small.
/// </summary>
public static class ZeroPhaseFilter
{
    public static double[] Apply(FilterDesign design, ReadOnlySpan<double> signal)
    {
        if (signal.Length == 0) return [];
        var pad = Math.Min(3 * (2 * design.Sections.Count + 1), signal.Length - 1);
        var n = signal.Length;
        var extended = new double[n + 2 * pad];
        double first = signal[0], last = signal[n - 1];
        for (var i = 0; i < pad; i++)
        {
            extended[i] = 2 * first - signal[pad - i];
            extended[pad + n + i] = 2 * last - signal[n - 2 - i];
        }
        signal.CopyTo(extended.AsSpan(pad));

        var filter = new CausalFilter(design);
        filter.Prime(extended[0]);
        filter.Process(extended, extended);
        Array.Reverse(extended);
        filter.Prime(extended[0]);
        filter.Process(extended, extended);
        Array.Reverse(extended);
        return extended.AsSpan(pad, n).ToArray();
    }
}
