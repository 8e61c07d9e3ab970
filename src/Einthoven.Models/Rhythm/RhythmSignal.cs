using Einthoven.Signal.Analysis.Filters;

namespace Einthoven.Models.Rhythm;

/// <summary>
/// The rhythm network's view of a lead: resampled to 100 Hz, band-passed 0.5-40 Hz (zero phase), and divided by the
/// typical beat amplitude (the median over 1-s windows of the largest absolute value) so that gain and electrode
/// contact do not matter; artefacts beyond <see cref="Clip"/> beat amplitudes are clipped.
/// </summary>
public static class RhythmSignal
{
    public const double Rate = 100;

    /// <summary>Training crop: 20 s. Shorter training records are zero-padded at the end.</summary>
    public const int CropLength = 2000;

    /// <summary>
    /// Shortest inference input: 9 s, the shortest CinC 2017 record. A longer signal is classified as it is: the network
    /// pools over time, and zero-padding a 10-s ECG to 20 s made half of what it pooled flat line, which it read as
    /// atrial fibrillation in ECGs with ectopic beats (PTB-XL PAC records called AF: 21 % padded, 6 % as they are).
    /// </summary>
    public const int MinimumLength = 900;

    private const float Clip = 8;
    private const double MinimumAmplitude = 1e-3;

    /// <param name="millivolts">The lead in mV (finite values).</param>
    /// <param name="fs">Its sampling frequency, Hz.</param>
    public static float[] Prepare(ReadOnlySpan<double> millivolts, double fs)
    {
        if (!(fs > 0)) throw new ArgumentOutOfRangeException(nameof(fs), fs, "sampling frequency must be positive");
        var resampled = Resampler.Resample(millivolts, fs, Rate);
        if (resampled.Length < 16) return new float[resampled.Length];
        var filtered = EcgCleaning.Clean(resampled, Rate);
        var amplitude = Math.Max(MinimumAmplitude, TypicalPeak(filtered));
        var result = new float[filtered.Length];
        for (var i = 0; i < filtered.Length; i++) result[i] = Math.Clamp((float)(filtered[i] / amplitude), -Clip, Clip);
        return result;
    }

    /// <summary>The inference input: the signal itself, padded with zeros to <see cref="MinimumLength"/> samples if shorter.</summary>
    public static float[] InferenceInput(float[] signal) =>
        signal.Length >= MinimumLength ? signal : [.. signal, .. new float[MinimumLength - signal.Length]];

    /// <summary>Writes a <see cref="CropLength"/> window starting at <paramref name="start"/>, zero beyond the signal's end.</summary>
    public static void Crop(float[] signal, int start, Span<float> destination)
    {
        destination.Clear();
        var count = Math.Clamp(signal.Length - start, 0, destination.Length);
        signal.AsSpan(start, count).CopyTo(destination);
    }

    private static double TypicalPeak(double[] signal)
    {
        var window = (int)Rate;
        var peaks = new double[Math.Max(1, signal.Length / window)];
        for (var w = 0; w < peaks.Length; w++)
        {
            var end = Math.Min(signal.Length, (w + 1) * window);
            for (var i = w * window; i < end; i++) peaks[w] = Math.Max(peaks[w], Math.Abs(signal[i]));
        }
        Array.Sort(peaks);
        return peaks[peaks.Length / 2];
    }
}
