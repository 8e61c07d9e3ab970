using Einthoven.Signal.Analysis.Filters;
using Einthoven.Signal.Synthesis;

namespace Einthoven.Evaluation.Noise;

/// <summary>The kinds of noise the stress test adds; the codes are those of the command line.</summary>
public enum NoiseKind
{
    /// <summary>bw: baseline wander (breathing, movement), as NSTDB record bw.</summary>
    BaselineWander,
    /// <summary>ma: muscle (EMG) noise in bursts, as NSTDB record ma.</summary>
    Muscle,
    /// <summary>em: electrode motion, as NSTDB record em: steps, QRS-like transients, wander and some EMG.</summary>
    ElectrodeMotion,
    /// <summary>pl: mains interference with its harmonics.</summary>
    Powerline,
    /// <summary>ck: cable knocks, sharp spikes that relax.</summary>
    CableKnocks,
}

/// <summary>
/// Synthesised noise recordings for the noise stress test, in arbitrary units (the protocol scales them to an SNR).
/// NSTDB's own noise records are not available here, so each kind is modelled on the description of its record and on
/// the mechanisms behind it; every recording is a pure function of its kind, length, rate and seed.
/// </summary>
public static class StressNoise
{
    public static readonly IReadOnlyDictionary<string, NoiseKind> Codes = new Dictionary<string, NoiseKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["bw"] = NoiseKind.BaselineWander, ["ma"] = NoiseKind.Muscle, ["em"] = NoiseKind.ElectrodeMotion,
        ["pl"] = NoiseKind.Powerline, ["ck"] = NoiseKind.CableKnocks,
    };

    public static string Code(NoiseKind kind) => Codes.First(c => c.Value == kind).Key;

    /// <summary>One channel of noise of <paramref name="kind"/>, <paramref name="n"/> samples at <paramref name="fs"/> Hz.</summary>
    public static double[] Make(NoiseKind kind, int n, double fs, int seed)
    {
        var noise = new GaussianNoise(new Random(seed));
        return kind switch
        {
            NoiseKind.BaselineWander => Wander(n, fs, noise),
            NoiseKind.Muscle => Muscle(n, fs, noise),
            NoiseKind.ElectrodeMotion => Motion(n, fs, noise),
            NoiseKind.Powerline => Mains(n, fs, noise),
            NoiseKind.CableKnocks => Knocks(n, fs, noise),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown noise kind"),
        };
    }

    // Breathing (0.15-0.4 Hz, slowly changing depth) over a random drift below 0.5 Hz.
    private static double[] Wander(int n, double fs, GaussianNoise noise)
    {
        var drift = Shaped(Butterworth.LowPass(2, 0.5, fs), n, noise);
        var depth = Envelope(n, fs, 0.05, noise);
        var breath = 0.15 + 0.25 * noise.Random.NextDouble();
        var phase = 0.0;
        var x = new double[n];
        for (var i = 0; i < n; i++)
        {
            phase += 2 * Math.PI * breath / fs;
            x[i] = drift[i] + 0.7 * depth[i] * Math.Sin(phase);
        }
        return x;
    }

    // EMG: Gaussian noise over 10-150 Hz (the QRS band and above), its level following contractions that come and go.
    private static double[] Muscle(int n, double fs, GaussianNoise noise)
    {
        var emg = Shaped(Butterworth.BandPass(2, 10, Math.Min(150, 0.45 * fs), fs), n, noise);
        var level = Envelope(n, fs, 0.3, noise);
        for (var i = 0; i < n; i++) emg[i] *= 0.2 + level[i] * level[i];
        return emg;
    }

    // Electrode motion: when the electrode is pulled, its half-cell potential jumps and relaxes (steps with 0.2-1.5 s
    // time constants), and each tug leaves a sharp biphasic transient 30-120 ms wide whose spectrum lies in the QRS band;
    // tugs come in bursts. Wander and a little EMG ride along, as in NSTDB's em record.
    private static double[] Motion(int n, double fs, GaussianNoise noise)
    {
        var random = noise.Random;
        var x = new double[n];
        var activity = Envelope(n, fs, 0.2, noise);
        var level = 0.0;
        var relax = Math.Exp(-1 / (0.6 * fs));
        for (var i = 0; i < n; i++)
        {
            var rate = 2.5 * activity[i] * activity[i];
            if (random.NextDouble() < 0.5 * rate / fs) level += noise.Next();
            level *= relax;
            x[i] += level;
            if (random.NextDouble() < rate / fs) AddTransient(x, i, fs, noise);
        }
        var wander = Wander(n, fs, noise);
        var emg = Muscle(n, fs, noise);
        for (var i = 0; i < n; i++) x[i] += 0.3 * wander[i] + 0.05 * emg[i];
        return x;
    }

    // A derivative-of-Gaussian wavelet: a QRS-like biphasic deflection of random width, sign and size.
    private static void AddTransient(double[] x, int at, double fs, GaussianNoise noise)
    {
        var width = (0.01 + 0.03 * noise.Random.NextDouble()) * fs;
        var amplitude = 1.5 * noise.Next();
        var half = (int)(4 * width);
        for (var k = -half; k <= half && at + half + k < x.Length; k++)
        {
            var t = k / width;
            if (at + half + k >= 0) x[at + half + k] += amplitude * t * Math.Exp(0.5 * (1 - t * t));
        }
    }

    // Mains at 60 Hz (MIT-BIH was recorded in the USA) with its harmonics below Nyquist, its level drifting slowly.
    private static double[] Mains(int n, double fs, GaussianNoise noise)
    {
        var level = Envelope(n, fs, 0.02, noise);
        var harmonics = new[] { (Hz: 60.0, Amplitude: 1.0), (120, 0.3), (180, 0.15) }.Where(h => h.Hz < 0.48 * fs).ToArray();
        var phases = harmonics.Select(_ => 2 * Math.PI * noise.Random.NextDouble()).ToArray();
        var x = new double[n];
        for (var i = 0; i < n; i++)
            for (var h = 0; h < harmonics.Length; h++)
                x[i] += (0.8 + 0.4 * level[i]) * harmonics[h].Amplitude * Math.Sin(2 * Math.PI * harmonics[h].Hz * i / fs + phases[h]);
        return x;
    }

    // Cable knocks: about one a second, a step of a few ms that relaxes over 50-200 ms, on a faint background.
    private static double[] Knocks(int n, double fs, GaussianNoise noise)
    {
        var random = noise.Random;
        var x = new double[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = 0.02 * noise.Next();
            if (random.NextDouble() >= 1.0 / fs) continue;
            var amplitude = 2 * noise.Next();
            var rise = Math.Max(1, (int)(0.003 * fs));
            var decay = (0.05 + 0.15 * random.NextDouble()) * fs;
            for (var k = 0; k < (int)(6 * decay) && i + k < n; k++)
                x[i + k] += amplitude * Math.Min(1, (k + 1.0) / rise) * Math.Exp(-k / decay);
        }
        return x;
    }

    private static double[] Shaped(FilterDesign filter, int n, GaussianNoise noise)
    {
        var white = new double[n];
        for (var i = 0; i < n; i++) white[i] = noise.Next();
        var shaped = CausalFilter.Apply(filter, white);
        var rms = Math.Sqrt(shaped.Average(v => v * v));
        for (var i = 0; i < n; i++) shaped[i] /= rms;
        return shaped;
    }

    // A positive level that wanders between quiet and busy over seconds: |low-passed Gaussian| normalised to mean 1.
    private static double[] Envelope(int n, double fs, double hz, GaussianNoise noise)
    {
        var e = Shaped(Butterworth.LowPass(2, hz, fs), n, noise);
        for (var i = 0; i < n; i++) e[i] = Math.Abs(e[i]);
        var mean = e.Average();
        for (var i = 0; i < n; i++) e[i] /= mean;
        return e;
    }
}
