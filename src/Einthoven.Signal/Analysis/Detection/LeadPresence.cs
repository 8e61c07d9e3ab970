using Einthoven.Signal.Records;

namespace Einthoven.Signal.Analysis.Detection;

/// <summary>
/// Where each lead of a record carries a signal. A lead that holds one value for <see cref="WindowSeconds"/> is absent
/// there: disconnected, or not printed there on a paper ECG (a 3x4 page shows each lead for 2.5 s of the 10, and its
/// digitised record is 0 elsewhere). A detection within <see cref="StepSeconds"/> of where a lead starts or stops
/// changing may be the step itself, so the lead counts as absent there too.
/// </summary>
public sealed class LeadPresence
{
    public const double WindowSeconds = 0.25;

    /// <summary>How close to where a lead starts or stops changing a detection may be the step itself, not a beat.</summary>
    public const double StepSeconds = 0.1;

    private readonly bool[][] _flat;
    private readonly int _window;
    private readonly long _step;

    private LeadPresence(bool[][] flat, int window, long step)
    {
        _flat = flat;
        _window = window;
        _step = step;
    }

    /// <summary>Samples per stretch of <see cref="WindowSeconds"/>.</summary>
    public int Window => _window;

    public static LeadPresence Of(EcgRecord record)
    {
        var window = WindowOf(record.Info.SamplingFrequency);
        return new LeadPresence(record.Samples.Select(s => FlatWindows<int>(s, window)).ToArray(), window, StepOf(record.Info.SamplingFrequency));
    }

    /// <param name="leads">Each lead in physical units as read (equal stored values give equal values).</param>
    public static LeadPresence Of(double[][] leads, double fs)
    {
        var window = WindowOf(fs);
        return new LeadPresence(leads.Select(s => FlatWindows<double>(s, window)).ToArray(), window, StepOf(fs));
    }

    private static int WindowOf(double fs) => Math.Max(1, (int)Math.Round(WindowSeconds * fs));

    private static long StepOf(double fs) => (long)Math.Round(StepSeconds * fs);

    private static bool[] FlatWindows<T>(ReadOnlySpan<T> samples, int window) where T : IEquatable<T>
    {
        var flat = new bool[(samples.Length + window - 1) / window];
        for (var w = 0; w < flat.Length; w++)
        {
            var (from, to) = (w * window, Math.Min(samples.Length, (w + 1) * window));
            flat[w] = true;
            for (var i = from + 1; i < to && flat[w]; i++) flat[w] = samples[i].Equals(samples[from]);
        }
        return flat;
    }

    /// <summary>Whether the lead carries a signal at the sample and a step either side of it.</summary>
    public bool Connected(int lead, long sample)
    {
        foreach (var at in new[] { sample - _step, sample, sample + _step })
        {
            var w = at / _window;
            if (w >= 0 && w < _flat[lead].Length && _flat[lead][w]) return false;
        }
        return true;
    }

    /// <summary>
    /// Least share of a record a lead must carry a signal in to be measured as a whole (median beats, the 12-lead
    /// statements): a 3x4 page's leads, printed for a quarter of it, are not; a lead off for a moment is.
    /// </summary>
    public const double MostlyPresent = 0.75;

    /// <summary>Share of the lead's stretches of <see cref="WindowSeconds"/> in which it carries a signal.</summary>
    public double PresentFraction(int lead) => _flat[lead].Length == 0 ? 0 : (double)_flat[lead].Count(f => !f) / _flat[lead].Length;

    /// <summary>
    /// The leads to measure the record as a whole on: those present for at least <see cref="MostlyPresent"/> of it, or
    /// every lead when none is (nothing better to measure on).
    /// </summary>
    public int[] MostlyPresentLeads()
    {
        var mostly = Enumerable.Range(0, _flat.Length).Where(l => PresentFraction(l) >= MostlyPresent).ToArray();
        return mostly.Length > 0 ? mostly : Enumerable.Range(0, _flat.Length).ToArray();
    }

    /// <summary>Samples of [start, start + length) in which both leads carry a signal (whole stretches).</summary>
    public long Together(int lead, int other, long start, int length)
    {
        long together = 0;
        for (var w = start / _window; w * _window < start + length && w < _flat[lead].Length; w++)
        {
            if (_flat[lead][w] || _flat[other][w]) continue;
            together += Math.Min(start + length, (w + 1) * _window) - Math.Max(start, w * _window);
        }
        return together;
    }
}
