using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats.Wfdb;

/// <summary>Translates between WFDB header fields and the format-neutral <see cref="RecordInfo"/>, both ways.</summary>
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

    /// <summary>The header for writing <paramref name="info"/> as record <paramref name="name"/> with the given signal lines.</summary>
    public static WfdbHeader ToHeader(RecordInfo info, string name, IReadOnlyList<WfdbSignalSpec> signals) => new()
    {
        RecordName = name,
        SamplingFrequency = info.SamplingFrequency,
        CounterFrequency = info.CounterFrequency,
        BaseCounter = info.BaseCounter,
        SampleCount = info.SampleCount,
        BaseTime = info.StartTime,
        BaseDate = info.StartDate,
        SignalCount = signals.Count,
        Signals = signals,
        Comments = WfdbComments.ForHeader(info.Comments, info.Metadata),
    };
}
