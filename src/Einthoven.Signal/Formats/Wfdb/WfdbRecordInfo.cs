using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Wfdb;

/// <summary>Translates between WFDB header fields and the format-neutral <see cref="RecordInfo"/>.</summary>
internal static class WfdbRecordInfo
{
    public static RecordInfo From(WfdbHeader header, IReadOnlyList<WfdbSignalSpec> signals, long length, IReadOnlyList<string> comments) => new()
    {
        Name = header.RecordName,
        SamplingFrequency = header.SamplingFrequency,
        CounterFrequency = header.CounterFrequency,
        BaseCounter = header.BaseCounter,
        StartDate = header.BaseDate,
        StartTime = header.BaseTime,
        SampleCount = length,
        Leads = signals.Select(ToLead).ToArray(),
        Comments = comments,
        Metadata = WfdbComments.Metadata(comments),
    };

    public static LeadInfo ToLead(WfdbSignalSpec spec) => new()
    {
        Name = spec.Description,
        Unit = spec.Units,
        Gain = spec.EffectiveGain,
        Baseline = spec.Baseline,
        AdcResolution = spec.AdcResolution,
        AdcZero = spec.AdcZero,
    };
}
