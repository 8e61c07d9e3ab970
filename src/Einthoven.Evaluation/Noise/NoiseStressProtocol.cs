using Einthoven.Evaluation.Qrs;
using Einthoven.Signal.Analysis.Detection;
using Einthoven.Signal.Records;

namespace Einthoven.Evaluation.Noise;

/// <summary>
/// The MIT-BIH Noise Stress Test protocol as WFDB's <c>nst</c> documents it: five noise-free minutes, then noise on
/// and off in alternating two-minute blocks to the end of the record; signal power S = (peak-to-peak QRS amplitude)²/8
/// from <c>sigamp</c>'s trimmed mean over the first 300 normal beats (range from 50 ms before to 50 ms after each
/// annotation, largest and smallest 5 % dropped); noise power N = the square of the trimmed mean RMS about the mean of
/// the noise's first 300 one-second chunks; the noise gain a solves SNR = 10 log10(S / (N a²)), per signal; and an
/// offset b, reset at each gain change, keeps the output level from stepping when the noise starts or stops.
/// </summary>
public static class NoiseStressProtocol
{
    public const double CleanStartSeconds = 300, BlockSeconds = 120;
    private const int MeasuredBeats = 300, MeasuredChunks = 300;
    /// <summary>What WFDB's <c>map1</c> calls normal (sigamp measures these): normal, bundle branch block and escape beats.</summary>
    public static readonly IReadOnlySet<string> NormalSymbols = new HashSet<string>(StringComparer.Ordinal) { "N", "L", "R", "B", "e", "j", "n" };

    private const double QrsHalfWindowSeconds = 0.05, Trim = 0.05;

    /// <summary>The noisy blocks of a record of <paramref name="sampleCount"/> samples: [5, 7) min, [9, 11) min, ...</summary>
    public static IReadOnlyList<SampleRange> NoisyBlocks(long sampleCount, double fs)
    {
        var blocks = new List<SampleRange>();
        var block = (long)Math.Round(BlockSeconds * fs);
        for (var start = (long)Math.Round(CleanStartSeconds * fs); start < sampleCount; start += 2 * block)
            blocks.Add(new SampleRange(start, Math.Min(start + block, sampleCount) - 1));
        return blocks;
    }

    /// <summary>S: the squared trimmed-mean peak-to-peak amplitude of the first 300 normal QRS complexes, over 8.</summary>
    public static double SignalPower(ReadOnlySpan<double> signal, IEnumerable<Annotation> reference, double fs)
    {
        var half = (int)Math.Round(QrsHalfWindowSeconds * fs);
        var amplitudes = new List<double>();
        foreach (var a in reference.Where(a => NormalSymbols.Contains(a.Symbol)).OrderBy(a => a.Sample))
        {
            if (amplitudes.Count == MeasuredBeats) break;
            var from = (int)Math.Max(0, a.Sample - half);
            var to = (int)Math.Min(signal.Length - 1, a.Sample + half);
            if (to <= from) continue;
            var window = signal[from..(to + 1)];
            double max = double.MinValue, min = double.MaxValue;
            foreach (var v in window) { max = Math.Max(max, v); min = Math.Min(min, v); }
            amplitudes.Add(max - min);
        }
        if (amplitudes.Count == 0) throw new ArgumentException("the reference has no normal beats to measure the QRS amplitude on", nameof(reference));
        var peakToPeak = TrimmedMean(amplitudes);
        return peakToPeak * peakToPeak / 8;
    }

    /// <summary>N: the squared trimmed mean of the RMS about the mean of the first 300 one-second chunks.</summary>
    public static double NoisePower(ReadOnlySpan<double> noise, double fs)
    {
        var chunk = (int)Math.Round(fs);
        var rms = new List<double>();
        for (var start = 0; start + chunk <= noise.Length && rms.Count < MeasuredChunks; start += chunk)
        {
            var part = noise.Slice(start, chunk);
            var mean = 0.0;
            foreach (var v in part) mean += v;
            mean /= chunk;
            var sum = 0.0;
            foreach (var v in part) sum += (v - mean) * (v - mean);
            rms.Add(Math.Sqrt(sum / chunk));
        }
        if (rms.Count == 0) throw new ArgumentException("the noise is shorter than one second", nameof(noise));
        var n = TrimmedMean(rms);
        return n * n;
    }

    /// <summary>The noise gain a that gives <paramref name="snrDb"/>: SNR = 10 log10(S / (N a²)).</summary>
    public static double Gain(double signalPower, double noisePower, double snrDb) =>
        noisePower <= 0 ? 0 : Math.Sqrt(signalPower / (noisePower * Math.Pow(10, snrDb / 10)));

    /// <summary>The signal with <paramref name="gain"/> times the noise added inside <paramref name="blocks"/>, nothing elsewhere.</summary>
    public static double[] Mix(ReadOnlySpan<double> signal, ReadOnlySpan<double> noise, double gain, IReadOnlyList<SampleRange> blocks)
    {
        var output = signal.ToArray();
        double a = 0, b = 0;
        var block = 0;
        for (var i = 0; i < output.Length; i++)
        {
            var on = block < blocks.Count && blocks[block].Contains(i);
            var wanted = on ? gain : 0;
            if (wanted != a)
            {
                // nst's offset: the noise term a * noise + b keeps its value across the change.
                b += (a - wanted) * noise[i % noise.Length];
                a = wanted;
            }
            output[i] += a * noise[i % noise.Length] + b;
            if (block < blocks.Count && i >= blocks[block].End) block++;
        }
        return output;
    }

    private static double TrimmedMean(List<double> values)
    {
        values.Sort();
        var drop = (int)(Trim * values.Count);
        return values.Skip(drop).Take(values.Count - 2 * drop).Average();
    }

    /// <summary>A record's reference beats and detections scored only inside <paramref name="ranges"/> (EC57 matching).</summary>
    public static DetectionScore ScoreWithin(IReadOnlyList<Annotation> reference, IReadOnlyList<long> detected, double fs,
        IReadOnlyList<SampleRange> ranges, long sampleCount)
    {
        var excluded = Complement(ranges, sampleCount).Concat(QrsProtocol.FlutterEpisodes(reference)).ToList();
        return BeatMatching.Match(QrsProtocol.ReferenceBeats(reference), detected,
            BeatMatching.Window(fs, QrsProtocol.MatchWindowSeconds), excluded).Score;
    }

    /// <summary>The samples of [0, sampleCount) outside the ascending, disjoint <paramref name="ranges"/>.</summary>
    public static IReadOnlyList<SampleRange> Complement(IReadOnlyList<SampleRange> ranges, long sampleCount)
    {
        var gaps = new List<SampleRange>();
        long next = 0;
        foreach (var r in ranges)
        {
            if (r.Start > next) gaps.Add(new SampleRange(next, r.Start - 1));
            next = Math.Max(next, r.End + 1);
        }
        if (next < sampleCount) gaps.Add(new SampleRange(next, sampleCount - 1));
        return gaps;
    }
}
