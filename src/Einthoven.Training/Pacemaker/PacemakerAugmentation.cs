using Einthoven.Signal.Records;
using Einthoven.Signal.Synthesis;

namespace Einthoven.Training.Pacemaker;

/// <summary>
/// Changes to a whole record that another recording of the same heart could show, so that twelve paced records teach
/// more than twelve points: a subset of the leads (all 12; II with V1; II with V5, as MIT-BIH's MLII with V1 or V5;
/// II alone), each lead scaled by 0.7-1.4, white noise of 10-50 uV, a slow baseline wander (0.1-0.5 Hz, up to
/// 0.2 mV), and the record cut to a random 6-10 s. Deterministic from the seed.
/// </summary>
public static class PacemakerAugmentation
{
    public static readonly IReadOnlyList<string[]> LeadSets = [[], ["II", "V1"], ["II", "V5"], ["II"]];

    /// <summary>Variant <paramref name="k"/> of a record: lead set k mod 4, random scale, noise, wander and length from the seed.</summary>
    public static EcgRecord Apply(EcgRecord record, int k, int seed)
    {
        // A stable seed (string.GetHashCode and HashCode differ from process to process).
        var random = new Random(record.Info.Name.Aggregate(seed * 7919 + k, (h, c) => unchecked(h * 31 + c)));
        var noise = new GaussianNoise(random);
        var info = record.Info;
        var fs = info.SamplingFrequency;
        var wanted = LeadSets[k % LeadSets.Count];
        var leads = wanted.Length == 0 ? Enumerable.Range(0, info.Leads.Count).ToArray()
            : wanted.Select(n => n == "II" ? info.LeadIIIndex() : info.LeadIndex(n)).Where(i => i >= 0).ToArray();
        if (leads.Length == 0) leads = [0];
        var length = (int)Math.Min(info.SampleCount, Math.Round(fs * (6 + 4 * random.NextDouble())));
        var start = random.Next((int)(info.SampleCount - length) + 1);
        var sigma = 0.01 + 0.04 * random.NextDouble();
        var (wander, frequency, phase) = (0.2 * random.NextDouble(), 0.1 + 0.4 * random.NextDouble(), 2 * Math.PI * random.NextDouble());
        var samples = leads.Select(l =>
        {
            var lead = info.Leads[l];
            var scale = 0.7 + 0.7 * random.NextDouble();
            var physical = record.Physical(l);
            var output = new int[length];
            for (var i = 0; i < length; i++)
                output[i] = lead.ToDigital(scale * physical[start + i] + sigma * noise.Next() + wander * Math.Sin(2 * Math.PI * frequency * i / fs + phase));
            return output;
        }).ToArray();
        return new EcgRecord(info with { Name = $"{info.Name}~{k}", SampleCount = length, Leads = leads.Select(l => info.Leads[l]).ToArray() }, samples);
    }
}
