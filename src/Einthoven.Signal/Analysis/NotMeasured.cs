using Einthoven.Signal.Analysis.Hrv;

namespace Einthoven.Signal.Analysis;

/// <summary>
/// Why a measurement of the report is missing: keys are the report's JSON names of the missing value ("heartRate",
/// "intervals", "prMs", "pAxis", ...), values a short reason for the reader ("no P waves: atrial fibrillation").
/// A value that is measured has no key; a whole object that is missing (e.g. "intervals") has one key, not one per field.
/// </summary>
public static class NotMeasured
{
    public const string HeartRate = "heartRate", HrvTime = "hrvTime", HrvFrequency = "hrvFrequency", Intervals = "intervals",
        Pr = "prMs", Qt = "qtMs", QtcBazett = "qtcBazettMs", QtcFridericia = "qtcFridericiaMs",
        PAxis = "pAxis", QrsAxis = "qrsAxis", TAxis = "tAxis";

    /// <summary>The reasons for the rate and HRV measures that an RR series could not give.</summary>
    public static Dictionary<string, string> OfRate(RateSummary? rate, TimeDomainHrv? time, FrequencyDomainHrv? frequency)
    {
        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        if (rate is null) reasons[HeartRate] = "no normal-to-normal interval in interpretable segments";
        if (time is null) reasons[HrvTime] = "needs at least 3 normal-to-normal intervals";
        if (frequency is null) reasons[HrvFrequency] = $"needs {FrequencyDomainHrv.MinimumSeconds / 60:0} min of normal-to-normal intervals";
        return reasons;
    }

    /// <summary>The keys of <see cref="OfRate"/>: what composing several analyses recomputes from their RR series.</summary>
    public static readonly IReadOnlySet<string> RateKeys = new HashSet<string> { HeartRate, HrvTime, HrvFrequency };
}
