using System.Globalization;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;
using Hl7.Fhir.Model;

namespace Einthoven.Interop;

/// <summary>
/// An ECG record from an Observation whose components (or, for one lead, whose value) carry SampledData. Every size the
/// Observation claims is checked against <see cref="RecordLimits"/> before it is used: the number of leads, the length
/// of each data string before it is split, the sampling frequency. A refusal is a <see cref="SignalFormatException"/>
/// naming the Observation's element (e.g. <c>component[2].valueSampledData.data</c>) and the reason.
/// </summary>
public static class EcgObservationReader
{
    private const string File = "Observation";
    /// <summary>The longest text one sample may take in a data string ("-2147483648" and a separator, with room for decimals).</summary>
    private const int MaxCharactersPerSample = 24;

    public static EcgRecord Read(Observation observation, RecordLimits limits, string fallbackName = "fhir-observation")
    {
        var leads = Leads(observation);
        if (leads.Count == 0) throw Malformed("component", "no component with valueSampledData (one per lead) and no valueSampledData");
        if (leads.Count > limits.MaxLeads)
            throw new SignalFormatException(File, "component", $"{leads.Count} leads (at most {limits.MaxLeads})") { Problem = SignalProblem.TooLarge };
        double? period = null;
        var infos = new List<LeadInfo>();
        var samples = new List<int[]>();
        long total = 0;
        foreach (var (path, name, data) in leads)
        {
            if (data.Period is not { } p || p <= 0) throw Malformed($"{path}.period", "must be a positive number of milliseconds");
            if (period is { } first && (double)p != first) throw Malformed($"{path}.period", $"{p} ms differs from the first lead's {first} ms: every lead must share one sampling rate");
            period = (double)p;
            if (data.Dimensions is { } d && d != 1) throw Malformed($"{path}.dimensions", $"{d} (only 1 is supported: one lead per SampledData)");
            var (lead, values) = Lead(path, name, data, limits);
            total += values.Length;
            if (total > limits.MaxTotalSamples)
                throw new SignalFormatException(File, $"{path}.data", $"{total:N0} samples in this and the leads before it (at most {limits.MaxTotalSamples:N0} in all)") { Problem = SignalProblem.TooLarge };
            infos.Add(lead);
            samples.Add(values);
        }
        var count = samples[0].Length;
        for (var i = 1; i < samples.Count; i++)
            if (samples[i].Length != count) throw Malformed($"{leads[i].Path}.data", $"{samples[i].Length} samples, the first lead has {count}: every lead must be as long");
        var start = Start(observation);
        var info = new RecordInfo
        {
            Name = string.IsNullOrWhiteSpace(observation.Id) ? fallbackName : observation.Id,
            SamplingFrequency = 1000 / period!.Value,
            SampleCount = count,
            Leads = infos,
            StartDate = start is { } s ? DateOnly.FromDateTime(s.UtcDateTime) : null,
            StartTime = start is { } t ? TimeOnly.FromDateTime(t.UtcDateTime) : null,
        };
        if (count == 0) throw new SignalFormatException(File, $"{leads[0].Path}.data", "no samples") { Problem = SignalProblem.MissingData };
        limits.Check(info, File);
        return new EcgRecord(info, samples.ToArray());
    }

    private static List<(string Path, string Name, SampledData Data)> Leads(Observation observation)
    {
        var leads = new List<(string, string, SampledData)>();
        if (observation.Value is SampledData single) leads.Add(("valueSampledData", FhirCodes.LeadName(observation.Code) ?? "ECG", single));
        for (var i = 0; i < observation.Component.Count; i++)
            if (observation.Component[i].Value is SampledData data)
                leads.Add(($"component[{i}].valueSampledData", FhirCodes.LeadName(observation.Component[i].Code) ?? $"lead {i + 1}", data));
        return leads;
    }

    /// <summary>
    /// The lead's calibration and digital samples. Integer data keep their values (gain 1/factor, the baseline from the
    /// origin); decimal data are scaled by 1000 so that three decimals survive.
    /// </summary>
    private static (LeadInfo Lead, int[] Samples) Lead(string path, string name, SampledData data, RecordLimits limits)
    {
        if (name.Length > limits.MaxNameLength) name = name[..limits.MaxNameLength];
        var factor = (double)(data.Factor ?? 1m);
        if (factor == 0) throw Malformed($"{path}.factor", "must not be 0");
        if (data.Origin?.Value is not { } originValue) throw Malformed($"{path}.origin.value", "missing (the physical value of data 0)");
        var origin = (double)originValue;
        var text = data.Data ?? "";
        if (text.Length > (limits.MaxSamplesPerLead + 1) * MaxCharactersPerSample)
            throw new SignalFormatException(File, $"{path}.data", $"{text.Length:N0} characters: more than {limits.MaxSamplesPerLead:N0} samples") { Problem = SignalProblem.TooLarge };
        var tokens = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length > limits.MaxSamplesPerLead)
            throw new SignalFormatException(File, $"{path}.data", $"{tokens.Length:N0} samples (at most {limits.MaxSamplesPerLead:N0})") { Problem = SignalProblem.TooLarge };
        var values = new decimal[tokens.Length];
        var integers = true;
        for (var i = 0; i < tokens.Length; i++)
        {
            if (tokens[i] is "E" or "L" or "U")
                throw Malformed($"{path}.data", $"sample {i} is '{tokens[i]}' (error or out of range): a recording needs every sample");
            if (!decimal.TryParse(tokens[i], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out values[i]))
                throw Malformed($"{path}.data", $"sample {i} '{Shorten(tokens[i])}' is not a number");
            integers &= values[i] == decimal.Truncate(values[i]);
        }
        var unit = data.Origin.Unit ?? data.Origin.Code ?? "mV";
        var scale = integers ? 1 : 1000;
        var gain = scale / factor;
        var baseline = -origin * gain;
        var whole = Math.Round(baseline);
        var lead = new LeadInfo { Name = name, Unit = unit, Gain = gain, Baseline = Checked(path, whole), BaselineFraction = baseline - whole, AdcResolution = 32 };
        var samples = new int[tokens.Length];
        for (var i = 0; i < samples.Length; i++) samples[i] = Checked(path, Math.Round((double)values[i] * scale));
        return (lead, samples);
    }

    private static DateTimeOffset? Start(Observation observation) => observation.Effective switch
    {
        FhirDateTime d => d.TryToDateTimeOffset(out var at) ? at : null,
        Period p when p.StartElement is { } s => s.TryToDateTimeOffset(out var at) ? at : null,
        Instant i => i.Value,
        _ => null,
    };

    private static int Checked(string path, double value) =>
        value is >= int.MinValue and <= int.MaxValue ? (int)value : throw Malformed($"{path}.data", $"{value:G6} does not fit a 32-bit sample");

    private static string Shorten(string token) => token.Length <= 20 ? token : token[..20] + "...";

    private static SignalFormatException Malformed(string field, string reason) => new(File, field, reason);
}
