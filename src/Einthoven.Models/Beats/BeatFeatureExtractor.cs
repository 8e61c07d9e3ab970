using Einthoven.Signal.Records;

namespace Einthoven.Models.Beats;

/// <summary>
/// Turns a record and its beat positions into network inputs: per beat, the two leads' windows scaled by the record's
/// dominant-beat amplitude, the same windows minus the dominant beat, and rhythm and template features
/// (<see cref="BeatInputLayout.BeatFeatureNames"/>). Everything is relative to the record itself, so it needs no
/// labels and works the same on a new patient.
/// </summary>
public static class BeatFeatureExtractor
{
    private const double TypicalRr = 0.8;

    /// <summary>The leading features that come from beat times alone; the rest compare the beat with the dominant beat.</summary>
    public const int RhythmFeatureCount = 17;

    /// <summary>Index of the local RR irregularity feature.</summary>
    public const int IrregularityFeature = 13;

    // Keeps the prematurity of a beat in a perfectly regular rhythm finite.
    private const double IrregularityFloor = 0.05;

    // Samples of the window compared with the template: 0.15 s before to 0.25 s after the fiducial point (QRS and
    // early T), and 0.3 s to 0.1 s before it, where the P wave of a sinus beat lies.
    private static readonly int CompareStart = BeatInputLayout.Before - (int)(0.15 * BeatInputLayout.SampleRate);
    private static readonly int CompareLength = (int)(0.4 * BeatInputLayout.SampleRate);
    private static readonly int PWaveLength = BeatInputLayout.Before - (int)(0.1 * BeatInputLayout.SampleRate);

    /// <param name="beats">Beat sample numbers of <paramref name="record"/>, strictly ascending.</param>
    public static BeatFeatures Extract(EcgRecord record, IReadOnlyList<long> beats) =>
        Extract(BeatSignal.From(record), beats, record.Info.SamplingFrequency);

    public static BeatFeatures Extract(BeatSignal signal, IReadOnlyList<long> beats, double samplingFrequency)
    {
        var rr = RrIntervals.From(beats, samplingFrequency);
        var positions = beats.Select(signal.ToLocal).ToArray();
        var dominant = DominantBeat.Estimate(signal, positions, rr);
        var n = beats.Count;
        var windows = new float[n * BeatInputLayout.InputSize];
        var features = new float[n * BeatInputLayout.FeatureCount];
        var raw = new float[BeatInputLayout.Leads][];
        var templates = new float[BeatInputLayout.Leads][];
        for (var lead = 0; lead < raw.Length; lead++) raw[lead] = new float[BeatInputLayout.Length];
        for (var b = 0; b < n; b++)
        {
            for (var lead = 0; lead < BeatInputLayout.Leads; lead++)
            {
                DominantBeat.CutWindow(signal.Leads[lead], positions[b], raw[lead]);
                templates[lead] = dominant.LocalTemplate(lead, positions[b]);
                FillOutside(raw[lead], templates[lead], positions[b], signal.Leads[lead].Length);
            }
            var row = features.AsSpan(b * BeatInputLayout.FeatureCount, BeatInputLayout.FeatureCount);
            WriteRhythm(row, rr, b);
            WriteBeat(raw, templates, dominant.Scales, windows.AsSpan(b * BeatInputLayout.InputSize, BeatInputLayout.InputSize), row);
        }
        return new BeatFeatures(windows, features);
    }

    /// <summary>
    /// One beat's network window (both leads and both minus the template, scaled by the template amplitude) and its
    /// template features (features <see cref="RhythmFeatureCount"/> on of <paramref name="row"/>), from its raw windows
    /// and the dominant beat's templates and scales, per lead. Online analysis calls it beat by beat.
    /// </summary>
    public static void WriteBeat(IReadOnlyList<float[]> raw, IReadOnlyList<float[]> templates, IReadOnlyList<float> scales, Span<float> window, Span<float> row)
    {
        for (var lead = 0; lead < BeatInputLayout.Leads; lead++)
        {
            var (x, template) = (raw[lead], templates[lead]);
            var scale = 1f / scales[lead];
            var plain = window.Slice(lead * BeatInputLayout.Length, BeatInputLayout.Length);
            var difference = window.Slice((BeatInputLayout.Leads + lead) * BeatInputLayout.Length, BeatInputLayout.Length);
            for (var i = 0; i < x.Length; i++)
            {
                plain[i] = x[i] * scale;
                difference[i] = (x[i] - template[i]) * scale;
            }
            var (correlation, energy) = Compare(x.AsSpan(CompareStart, CompareLength), template.AsSpan(CompareStart, CompareLength));
            row[RhythmFeatureCount + lead] = correlation;
            row[RhythmFeatureCount + 2 + lead] = energy;
            row[RhythmFeatureCount + 4 + lead] = Compare(x.AsSpan(0, PWaveLength), template.AsSpan(0, PWaveLength)).Correlation;
        }
    }

    /// <summary>Features 0 .. <see cref="RhythmFeatureCount"/> - 1 of beat <paramref name="b"/>: those that depend on timing alone.</summary>
    public static void WriteRhythm(Span<float> f, RrIntervals rr, int b)
    {
        double pre = rr.Pre[b], post = rr.Post[b], local = rr.Local[b], longAverage = rr.LongAverage[b], upper = rr.UpperQuartile;
        var previousPre = b > 0 ? rr.Pre[b - 1] : local;
        var nextPost = b < rr.Count - 1 ? rr.Post[b + 1] : local;
        f[0] = Log(pre / longAverage);
        f[1] = Log(post / longAverage);
        f[2] = Log(local / longAverage);
        f[3] = Log(pre / local);
        f[4] = Log(post / local);
        f[5] = Log(post / pre);
        f[6] = Log(pre / TypicalRr);
        f[7] = Log(post / TypicalRr);
        f[8] = Log(local / TypicalRr);
        f[9] = Log(longAverage / TypicalRr);
        f[10] = Log(previousPre / local);
        f[11] = Log(nextPost / local);
        f[12] = Log(pre / previousPre);
        f[IrregularityFeature] = (float)rr.Irregularity[b];
        f[14] = (float)((1 - pre / local) / (rr.Irregularity[b] + IrregularityFloor));
        f[15] = Log(pre / upper);
        f[16] = Log(post / upper);
    }

    private static float Log(double ratio) => (float)Math.Log(ratio);

    /// <summary>
    /// Where a beat's window runs past the record's start or end, it takes the template's samples, so the missing part
    /// reads as "like the dominant beat" rather than as a flat line the network would take for an abnormal beat.
    /// </summary>
    private static void FillOutside(Span<float> window, ReadOnlySpan<float> template, int position, int leadLength)
    {
        var start = position - BeatInputLayout.Before;
        for (var i = 0; i < window.Length && start + i < 0; i++) window[i] = template[i];
        for (var i = Math.Max(0, leadLength - start); i < window.Length; i++) window[i] = template[i];
    }

    /// <summary>Pearson correlation with the template, and the log ratio of the (mean-removed) energies.</summary>
    private static (float Correlation, float LogEnergyRatio) Compare(ReadOnlySpan<float> x, ReadOnlySpan<float> t)
    {
        double mx = 0, mt = 0;
        for (var i = 0; i < x.Length; i++) { mx += x[i]; mt += t[i]; }
        mx /= x.Length;
        mt /= t.Length;
        double sxx = 0, stt = 0, sxt = 0;
        for (var i = 0; i < x.Length; i++)
        {
            double dx = x[i] - mx, dt = t[i] - mt;
            sxx += dx * dx;
            stt += dt * dt;
            sxt += dx * dt;
        }
        const double tiny = 1e-12;
        var correlation = sxx > tiny && stt > tiny ? sxt / Math.Sqrt(sxx * stt) : 0;
        var ratio = Math.Log((sxx + tiny) / (stt + tiny));
        return ((float)correlation, (float)Math.Clamp(ratio, -10, 10));
    }
}
