using Einthoven.Signal.Records;

namespace Einthoven.Models.Tests.Beats;

/// <summary>Two-lead synthetic ECGs: narrow Gaussian QRS complexes with T waves, and wide inverted "ventricular" ones.</summary>
internal static class SyntheticEcg
{
    public const double Fs = 360;

    /// <param name="beats">(sample, wide) per beat.</param>
    public static EcgRecord Create(long length, IEnumerable<(long Sample, bool Wide)> beats, string name = "synthetic")
    {
        var leads = new double[2][];
        for (var l = 0; l < 2; l++) leads[l] = new double[length];
        foreach (var (sample, wide) in beats)
            for (var l = 0; l < 2; l++)
            {
                var sign = l == 0 ? 1.0 : 0.6;
                if (wide) AddWave(leads[l], sample, -1.4 * sign, 0.045);
                else AddWave(leads[l], sample, 1.2 * sign, 0.012);
                AddWave(leads[l], sample + (long)(0.28 * Fs), (wide ? 0.5 : 0.3) * sign, 0.05);
            }
        var info = new RecordInfo
        {
            Name = name,
            SamplingFrequency = Fs,
            SampleCount = length,
            Leads = [new LeadInfo { Name = "MLII", Gain = 200 }, new LeadInfo { Name = "V1", Gain = 200 }],
        };
        return new EcgRecord(info, leads.Select(l => l.Select(v => (int)Math.Round(v * 200)).ToArray()).ToArray());
    }

    /// <summary>Regular beats every <paramref name="rr"/> seconds.</summary>
    public static long[] Regular(int count, double rr, double start = 0.5) =>
        Enumerable.Range(0, count).Select(i => (long)Math.Round((start + i * rr) * Fs)).ToArray();

    private static void AddWave(double[] lead, long centre, double amplitude, double widthSeconds)
    {
        var sigma = widthSeconds * Fs;
        var reach = (long)(4 * sigma);
        for (var t = Math.Max(0, centre - reach); t < Math.Min(lead.Length, centre + reach); t++)
        {
            var z = (t - centre) / sigma;
            lead[t] += amplitude * Math.Exp(-0.5 * z * z);
        }
    }
}
