namespace Einthoven.Signal.Analysis.Filters;

/// <summary>
/// Changes the sampling rate by a rational factor (360 -> 250 is up 25, down 36) with a polyphase Kaiser-windowed
/// sinc low-pass: each output sample is computed directly from the input at its exact time, with no delay, and
/// everything above the lower of the two Nyquist frequencies is removed first.
/// </summary>
public sealed class Resampler
{
    // Zero crossings of the sinc on each side, and the Kaiser shape: about 90 dB of stop band.
    private const int ZeroCrossings = 20;
    private const double KaiserBeta = 8.6;
    // Pass band edge as a fraction of the lower Nyquist frequency.
    private const double Rolloff = 0.9;
    private const int MaxFactor = 10000;

    private readonly double[][] _phases;
    private readonly int _reach;

    public Resampler(double fromHz, double toHz)
    {
        if (!(fromHz > 0) || !(toHz > 0)) throw new ArgumentOutOfRangeException(nameof(fromHz), $"rates must be positive (got {fromHz} -> {toHz} Hz)");
        (Up, Down) = Ratio(fromHz, toHz);
        FromHz = fromHz;
        ToHz = toHz;
        var cutoff = Rolloff * 0.5 * Math.Min(fromHz, toHz);
        var upRate = Up * fromHz;
        // Half-length of the filter in samples of the up-sampled grid.
        var halfWidth = ZeroCrossings * upRate / (2 * cutoff);
        _reach = (int)Math.Ceiling(halfWidth / Up) + 1;
        _phases = new double[Up][];
        var scale = 2 * cutoff / upRate;
        for (var p = 0; p < Up; p++)
        {
            var taps = new double[2 * _reach + 1];
            for (var i = -_reach; i <= _reach; i++)
            {
                double n = p + (double)i * Up;
                if (Math.Abs(n) > halfWidth) continue;
                taps[i + _reach] = Up * scale * Sinc(scale * n) * Kaiser(n / halfWidth);
            }
            _phases[p] = taps;
        }
    }

    public double FromHz { get; }
    public double ToHz { get; }
    public int Up { get; }
    public int Down { get; }

    /// <summary>Number of output samples for <paramref name="inputLength"/> input samples.</summary>
    public long OutputLength(long inputLength) => (inputLength * Up + Down - 1) / Down;

    /// <summary>Resamples a whole signal; beyond its ends the first and last values are held.</summary>
    public double[] Apply(ReadOnlySpan<double> signal)
    {
        if (signal.Length == 0) return [];
        var output = new double[OutputLength(signal.Length)];
        var last = signal.Length - 1;
        for (long j = 0; j < output.Length; j++)
        {
            var u = j * Down;
            var q = (int)(u / Up);
            var taps = _phases[(int)(u % Up)];
            var sum = 0.0;
            var lo = q - _reach;
            var hi = q + _reach;
            if (lo >= 0 && hi <= last)
            {
                for (var i = 0; i < taps.Length; i++) sum += taps[i] * signal[q + _reach - i];
            }
            else
            {
                for (var i = 0; i < taps.Length; i++) sum += taps[i] * signal[Math.Clamp(q + _reach - i, 0, last)];
            }
            output[j] = sum;
        }
        return output;
    }

    public static double[] Resample(ReadOnlySpan<double> signal, double fromHz, double toHz) =>
        fromHz == toHz ? signal.ToArray() : new Resampler(fromHz, toHz).Apply(signal);

    private static (int Up, int Down) Ratio(double fromHz, double toHz)
    {
        // Rates such as 128 or 1000 are integers; 0.001 Hz resolution covers rates like 62.5 Hz.
        var a = (long)Math.Round(fromHz * 1000);
        var b = (long)Math.Round(toHz * 1000);
        if (Math.Abs(a - fromHz * 1000) > 1e-6 * a || Math.Abs(b - toHz * 1000) > 1e-6 * b)
            throw new ArgumentException($"cannot resample {fromHz} -> {toHz} Hz: rates must be multiples of 0.001 Hz");
        var g = Gcd(a, b);
        var up = b / g;
        var down = a / g;
        if (up > MaxFactor || down > MaxFactor)
            throw new ArgumentException($"cannot resample {fromHz} -> {toHz} Hz: the ratio {up}/{down} needs factors above {MaxFactor}");
        return ((int)up, (int)down);
    }

    private static long Gcd(long a, long b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }

    private static double Sinc(double x) => x == 0 ? 1 : Math.Sin(Math.PI * x) / (Math.PI * x);

    private static double Kaiser(double t) => BesselI0(KaiserBeta * Math.Sqrt(Math.Max(0, 1 - t * t))) / BesselI0(KaiserBeta);

    private static double BesselI0(double x)
    {
        double sum = 1, term = 1, half = x / 2;
        for (var k = 1; k < 50 && term > 1e-17 * sum; k++)
        {
            term *= half / k * (half / k);
            sum += term;
        }
        return sum;
    }
}
