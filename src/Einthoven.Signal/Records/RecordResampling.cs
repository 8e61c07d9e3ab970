using Einthoven.Signal.Analysis.Filters;

namespace Einthoven.Signal.Records;

/// <summary>A record as another device would have sampled it: every lead resampled, every annotation moved with it.</summary>
public static class RecordResampling
{
    /// <summary>
    /// <paramref name="source"/> at <paramref name="samplingFrequency"/> Hz (<see cref="Resampler"/>, leads kept in
    /// their digital units); annotation sample numbers are scaled and rounded. The same record if the rate is its own.
    /// </summary>
    public static EcgRecord Resample(EcgRecord source, double samplingFrequency)
    {
        if (!(samplingFrequency > 0) || !double.IsFinite(samplingFrequency))
            throw new ArgumentOutOfRangeException(nameof(samplingFrequency), samplingFrequency, "the sampling frequency must be positive");
        var from = source.Info.SamplingFrequency;
        if (samplingFrequency == from) return source;
        var samples = source.Info.Leads.Select((lead, l) => Resampler.Resample(source.Physical(l), from, samplingFrequency).Select(lead.ToDigital).ToArray()).ToArray();
        var annotations = source.Annotations.ToDictionary(a => a.Key,
            a => (IReadOnlyList<Annotation>)a.Value.Select(x => x with { Sample = (long)Math.Round(x.Sample * samplingFrequency / from) }).ToArray());
        var count = samples.Length > 0 ? samples[0].LongLength : (long)Math.Ceiling(source.Info.SampleCount * samplingFrequency / from);
        return new EcgRecord(source.Info with { SamplingFrequency = samplingFrequency, SampleCount = count }, samples, annotations);
    }
}
