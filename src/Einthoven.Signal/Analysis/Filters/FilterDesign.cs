using System.Numerics;

namespace Einthoven.Signal.Analysis.Filters;

/// <summary>
/// A designed IIR filter as a cascade of second-order sections, with its sampling rate so responses can be asked for
/// in hertz.
/// </summary>
public sealed class FilterDesign
{
    public FilterDesign(IReadOnlyList<SecondOrderSection> sections, double samplingFrequency)
    {
        if (sections.Count == 0) throw new ArgumentException("a filter needs at least one section", nameof(sections));
        if (!(samplingFrequency > 0)) throw new ArgumentOutOfRangeException(nameof(samplingFrequency), samplingFrequency, "must be positive");
        Sections = sections.ToArray();
        SamplingFrequency = samplingFrequency;
    }

    public IReadOnlyList<SecondOrderSection> Sections { get; }

    public double SamplingFrequency { get; }

    public Complex Response(double frequencyHz)
    {
        var omega = 2 * Math.PI * frequencyHz / SamplingFrequency;
        var h = Complex.One;
        foreach (var s in Sections) h *= s.Response(omega);
        return h;
    }

    public double Magnitude(double frequencyHz) => Response(frequencyHz).Magnitude;

    /// <summary>Magnitude in decibels (20 log10 |H|).</summary>
    public double MagnitudeDb(double frequencyHz) => 20 * Math.Log10(Magnitude(frequencyHz));

    /// <summary>The filter applied after this one (e.g. a band-pass followed by a notch).</summary>
    public FilterDesign Then(FilterDesign next)
    {
        if (next.SamplingFrequency != SamplingFrequency)
            throw new ArgumentException($"cannot chain a {next.SamplingFrequency} Hz filter after a {SamplingFrequency} Hz one", nameof(next));
        return new FilterDesign([.. Sections, .. next.Sections], SamplingFrequency);
    }
}
