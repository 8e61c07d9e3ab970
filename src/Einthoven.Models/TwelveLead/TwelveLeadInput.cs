using Einthoven.Signal.Analysis.Detection;
using Einthoven.Signal.Analysis.Filters;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;

namespace Einthoven.Models.TwelveLead;

/// <summary>A model's input read from a recording: [leads, length] in millivolts at the model's rate, and the leads derived.</summary>
public sealed record TwelveLeadSignal(float[] Values, IReadOnlyList<string> LeadNames, double RateHz, int Length, IReadOnlyList<string> DerivedLeads)
{
    public int Leads => LeadNames.Count;

    public ReadOnlySpan<float> Lead(int lead) => Values.AsSpan(lead * Length, Length);

    /// <summary>The input as a record of its own (1 µV steps), for measuring what the model reads: same leads, rate and window.</summary>
    public EcgRecord ToRecord(string name)
    {
        const double gain = 1000;
        var info = new RecordInfo
        {
            Name = name, SamplingFrequency = RateHz, SampleCount = Length,
            Leads = LeadNames.Select(l => new LeadInfo { Name = l, Unit = "mV", Gain = gain, AdcResolution = 16 }).ToArray(),
        };
        var samples = Enumerable.Range(0, Leads).Select(l => Lead(l).ToArray().Select(v => (int)Math.Round(v * gain)).ToArray()).ToArray();
        return new EcgRecord(info, samples);
    }
}

/// <summary>
/// Turns a recording of any rate, lead order and lead naming into the input a 12-lead model expects: the leads it names,
/// in its order, in millivolts, resampled to its rate, the first <c>length</c> samples. A missing limb lead is derived from
/// two others by Einthoven's law and the Goldberger relations (III = II - I, aVR = -(I + II)/2, aVL = I - II/2,
/// aVF = II - I/2); any other missing lead is refused with a message that names it.
/// </summary>
public static class TwelveLeadInput
{
    public static readonly IReadOnlyList<string> StandardLeads = ["I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6"];

    /// <summary>A record at most this much shorter than the model's window is padded with its last value (rounded durations).</summary>
    public const double ShortfallTolerance = 0.02;

    /// <param name="leads">The model's leads in its order, by their standard names.</param>
    public static TwelveLeadSignal Prepare(EcgRecord record, IReadOnlyList<string> leads, double rateHz, int length)
    {
        if (!(rateHz > 0) || length <= 0) throw new ArgumentOutOfRangeException(nameof(rateHz), "the model's rate and length must be positive");
        var info = record.Info;
        if (!(info.SamplingFrequency > 0)) throw new TwelveLeadInputException("the recording has no sampling frequency");
        var available = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var l = 0; l < info.Leads.Count; l++)
            if (Canonical(info.Leads[l].Name) is { } name) available.TryAdd(name, l);
        var seconds = length / rateHz;
        var needed = (long)Math.Ceiling(seconds * info.SamplingFrequency * (1 - ShortfallTolerance));
        if (info.SampleCount < needed)
            throw new TwelveLeadInputException($"the model reads {seconds:0.#} s; the recording has {info.SampleCount / info.SamplingFrequency:0.##} s");
        var inputSamples = (int)Math.Min(info.SampleCount, (long)Math.Ceiling(seconds * info.SamplingFrequency) + 1);
        var cache = new Dictionary<string, double[]>(StringComparer.Ordinal);
        double[]? Read(string name)
        {
            if (cache.TryGetValue(name, out var done)) return done;
            if (!available.TryGetValue(name, out var l)) return null;
            var scale = MillivoltsPer(info.Leads[l]);
            var src = record.Samples[l];
            var lead = info.Leads[l];
            var mv = new double[inputSamples];
            for (var i = 0; i < inputSamples; i++) mv[i] = lead.ToPhysical(src[i]) * scale;
            if (LeadPresence.Of([mv], info.SamplingFrequency).PresentFraction(0) < LeadPresence.MostlyPresent)
                throw new TwelveLeadInputException($"lead {lead.Name} holds one value for most of the {seconds:0.#} s the model reads " +
                    "(disconnected, or printed for only part of it on a paper ECG)");
            return cache[name] = mv;
        }
        var derived = new List<string>();
        var values = new float[leads.Count * length];
        for (var k = 0; k < leads.Count; k++)
        {
            var want = Canonical(leads[k]) ?? throw new ArgumentException($"'{leads[k]}' is not a standard ECG lead name", nameof(leads));
            var signal = Read(want);
            if (signal is null)
            {
                signal = Derive(want, Read);
                if (signal is null) throw new TwelveLeadInputException(MissingMessage(want, info.Leads.Select(x => x.Name)));
                derived.Add(want);
            }
            var resampled = Math.Abs(info.SamplingFrequency - rateHz) < 1e-9 ? signal : Resampler.Resample(signal, info.SamplingFrequency, rateHz);
            var target = values.AsSpan(k * length, length);
            var n = Math.Min(length, resampled.Length);
            for (var i = 0; i < n; i++) target[i] = (float)resampled[i];
            for (var i = n; i < length; i++) target[i] = n > 0 ? target[n - 1] : 0;
        }
        return new TwelveLeadSignal(values, leads.Select(l => Canonical(l)!).ToArray(), rateHz, length, derived);
    }

    /// <summary>The standard spelling of a lead name ("avr", "AVR", "Lead aVR", "V1 " become "aVR", "V1"), or null.</summary>
    public static string? Canonical(string name)
    {
        var n = name.Trim();
        if (n.StartsWith("lead", StringComparison.OrdinalIgnoreCase)) n = n[4..].Trim(' ', '_', '-');
        n = n.ToUpperInvariant() switch
        {
            "D1" or "DI" => "I",
            "D2" or "DII" => "II",
            "D3" or "DIII" => "III",
            var u => u,
        };
        foreach (var standard in StandardLeads)
            if (string.Equals(n, standard, StringComparison.OrdinalIgnoreCase)) return standard;
        return null;
    }

    private static double[]? Derive(string lead, Func<string, double[]?> read)
    {
        var (i, ii) = (read("I"), read("II"));
        var iii = read("III");
        // Two of I, II and III give the third.
        if (i is null && ii is not null && iii is not null) i = Combine(ii, 1, iii, -1);
        if (ii is null && i is not null && iii is not null) ii = Combine(i, 1, iii, 1);
        if (i is null || ii is null) return null;
        return lead switch
        {
            "I" => i,
            "II" => ii,
            "III" => Combine(ii, 1, i, -1),
            "aVR" => Combine(i, -0.5, ii, -0.5),
            "aVL" => Combine(i, 1, ii, -0.5),
            "aVF" => Combine(ii, 1, i, -0.5),
            _ => null,
        };
    }

    private static double[] Combine(double[] a, double wa, double[] b, double wb)
    {
        var r = new double[a.Length];
        for (var k = 0; k < r.Length; k++) r[k] = wa * a[k] + wb * b[k];
        return r;
    }

    private static double MillivoltsPer(LeadInfo lead) => PhysicalUnits.Normalise(lead.Unit) switch
    {
        "mV" => 1,
        "uV" => 1e-3,
        "V" => 1e3,
        var u => throw new TwelveLeadInputException($"lead {lead.Name} is in '{u}', not a voltage"),
    };

    private static string MissingMessage(string lead, IEnumerable<string> have) =>
        $"the model needs lead {lead}, which the recording lacks and which cannot be derived from its leads ({string.Join(", ", have)})";
}
