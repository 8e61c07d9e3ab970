using Einthoven.Signal.Analysis.Filters;
using Einthoven.Signal.Records;

namespace Einthoven.Models.Beats;

/// <summary>
/// The two leads a beat classifier looks at, cleaned (<see cref="EcgCleaning"/>: 0.5-40 Hz, zero phase, which removes
/// baseline wander and mains noise without shifting waves) and resampled to <see cref="BeatInputLayout.SampleRate"/>, in millivolts.
/// Lead A is MLII (or lead II) when the record has one, otherwise its first lead; lead B is the first other lead, or
/// lead A again for a single-lead record.
/// </summary>
public sealed class BeatSignal
{
    private BeatSignal(float[][] leads, double sourceRate)
    {
        Leads = leads;
        SourceRate = sourceRate;
    }

    /// <summary>Lead A and lead B at <see cref="BeatInputLayout.SampleRate"/>.</summary>
    public float[][] Leads { get; }

    /// <summary>Sampling rate of the record the leads came from.</summary>
    public double SourceRate { get; }

    public int Length => Leads[0].Length;

    public static BeatSignal From(EcgRecord record)
    {
        var info = record.Info;
        if (info.Leads.Count == 0) throw new ArgumentException($"{info.Name} has no leads to classify beats on", nameof(record));
        if (!(info.SamplingFrequency >= 2 * EcgCleaning.HighHz + 1))
            throw new ArgumentException($"{info.Name}: beat classification needs a sampling rate above {2 * EcgCleaning.HighHz + 1} Hz, the record has {info.SamplingFrequency} Hz", nameof(record));
        var (a, b) = ChooseLeads(info);
        var leadA = Prepare(record, a);
        var leadB = b == a ? leadA : Prepare(record, b);
        return new BeatSignal([leadA, leadB], info.SamplingFrequency);
    }

    /// <summary>The position, in samples at <see cref="BeatInputLayout.SampleRate"/>, of a sample of the source record.</summary>
    public int ToLocal(long sourceSample) => (int)Math.Round(sourceSample * BeatInputLayout.SampleRate / SourceRate);

    internal static (int A, int B) ChooseLeads(RecordInfo info)
    {
        var a = Math.Max(0, info.LeadIIIndex());
        var b = info.Leads.Count > 1 ? (a == 0 ? 1 : 0) : a;
        return (a, b);
    }

    private static float[] Prepare(EcgRecord record, int lead)
    {
        var fs = record.Info.SamplingFrequency;
        var filtered = EcgCleaning.Clean(record.Physical(lead), fs);
        var resampled = Resampler.Resample(filtered, fs, BeatInputLayout.SampleRate);
        var result = new float[resampled.Length];
        for (var i = 0; i < result.Length; i++) result[i] = double.IsFinite(resampled[i]) ? (float)resampled[i] : 0f;
        return result;
    }
}
