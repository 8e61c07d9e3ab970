using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;

namespace Einthoven.Server.Analysis;

/// <summary>
/// The worker analyses only what the platform's limits admit (<see cref="ServerOptions.Limits"/>, the same that uploads
/// are held to): a recording stored before the limits were lowered fails at once, saying why, instead of being retried.
/// </summary>
public static class AnalysisLimits
{
    public static void Check(RecordInfo info, RecordLimits limits)
    {
        try { limits.Check(info, info.Name); }
        catch (SignalFormatException e) { throw new AnalysisRefusedException($"{e.Field}: {e.Reason}", e); }
    }
}

/// <summary>An analysis that another attempt would only repeat: the job fails at once instead of being retried.</summary>
public sealed class AnalysisRefusedException(string message, Exception? inner = null) : Exception(message, inner);
