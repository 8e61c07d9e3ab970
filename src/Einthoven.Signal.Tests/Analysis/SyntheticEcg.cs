namespace Einthoven.Signal.Tests.Analysis;

/// <summary>
/// Synthetic ECG built from raised-cosine waves with exactly known supports, projected on the six limb leads from a
/// frontal heart-vector angle, so delineation and axis have analytic answers.
/// </summary>
/// <param name="PrJitter">Each beat's PR moves by up to this many seconds either way (0: every beat alike).</param>
internal sealed record SyntheticEcg(double Fs = 500, double Rr = 0.8, double QrsWidth = 0.09, double PWidth = 0.1,
    double Pr = 0.16, double Qt = 0.38, double TWidth = 0.16, double QrsAxis = 60, double QrsAmplitude = 1.2, double PrJitter = 0)
{
    public static readonly string[] LimbLeads = ["I", "II", "III", "aVR", "aVL", "aVF"];
    private static readonly double[] Angles = [0, 60, 120, -150, -30, 90];

    /// <summary>R peaks at the centre of each QRS (samples), beginning one second in.</summary>
    public int[] RPeaks(double seconds) =>
        Enumerable.Range(0, (int)((seconds - 2) / Rr)).Select(k => (int)Math.Round((1 + k * Rr) * Fs)).ToArray();

    /// <summary>QRS onset relative to the R peak (seconds); the QRS is centred on R.</summary>
    public double QrsOnset => -QrsWidth / 2;

    public double[][] Leads(double seconds)
    {
        var n = (int)(seconds * Fs);
        var leads = new double[6][];
        for (var l = 0; l < 6; l++)
        {
            var scale = l < 3 ? 1 : Math.Sqrt(3) / 2;
            var projection = scale * Math.Cos((QrsAxis - Angles[l]) * Math.PI / 180);
            leads[l] = new double[n];
            var peaks = RPeaks(seconds);
            for (var k = 0; k < peaks.Length; k++)
            {
                var onset = peaks[k] / Fs + QrsOnset;
                var jitter = PrJitter * ((k * 7919 % 17) / 8.0 - 1); // deterministic, spread over [-1, 1]
                Add(leads[l], onset, QrsWidth, QrsAmplitude * projection);
                Add(leads[l], onset - Pr - jitter, PWidth, 0.15 * Math.Max(0.3, Math.Abs(projection)));
                Add(leads[l], onset + Qt - TWidth, TWidth, 0.35 * projection);
            }
        }
        return leads;
    }

    private void Add(double[] x, double start, double width, double amplitude)
    {
        var from = (int)Math.Ceiling(start * Fs);
        var to = (int)Math.Floor((start + width) * Fs);
        for (var i = Math.Max(0, from); i <= Math.Min(x.Length - 1, to); i++)
            x[i] += amplitude * 0.5 * (1 - Math.Cos(2 * Math.PI * (i / Fs - start) / width));
    }
}
