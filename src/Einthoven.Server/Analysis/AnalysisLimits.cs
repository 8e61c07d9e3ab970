using Einthoven.Signal.Records;
using static System.FormattableString;

namespace Einthoven.Server.Analysis;

/// <summary>The largest recording the worker analyses (<see cref="AnalysisOptions"/>); a larger one fails at once.</summary>
public static class AnalysisLimits
{
    public static void Check(RecordInfo info, AnalysisOptions limits)
    {
        if (info.Leads.Count > limits.MaxLeads)
            throw new AnalysisRefusedException(Invariant($"the recording has {info.Leads.Count} leads; the analysis takes at most {limits.MaxLeads}"));
        var samples = info.SampleCount * (long)info.Leads.Count;
        if (samples > limits.MaxSamples)
            throw new AnalysisRefusedException(Invariant($"the recording has {samples:N0} samples over all leads; the analysis takes at most {limits.MaxSamples:N0}"));
        var seconds = info.SampleCount / info.SamplingFrequency;
        if (!(seconds <= limits.MaxDuration.TotalSeconds))
            throw new AnalysisRefusedException(Invariant($"the recording lasts {seconds / 3600:0.#} h; the analysis takes at most {limits.MaxDuration.TotalHours:0.#} h"));
    }
}

/// <summary>An analysis that another attempt would only repeat: the job fails at once instead of being retried.</summary>
public sealed class AnalysisRefusedException(string message, Exception? inner = null) : Exception(message, inner);
