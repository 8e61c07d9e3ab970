using Einthoven.Models.Beats;
using Einthoven.Signal.Analysis;

namespace Einthoven.Models.Analysis;

/// <summary>
/// Makes the beat classes agree with the rhythm. AAMI, and the MIT-BIH reference, count the beats of atrial
/// fibrillation as N: without organised atrial activity an early beat is no premature supraventricular beat. The beat
/// classifier judges timing from +-5 s of intervals and calls some of fibrillation's short intervals S; the rhythm
/// model reads 30 s of signal. In a window the rhythm model calls atrial fibrillation, an S beat becomes N (its S
/// probability moves to N). Nothing here is tuned: the windows and labels are the rhythm model's.
/// </summary>
public static class AfReconciliation
{
    public static IReadOnlyList<ClassifiedBeat> Apply(IReadOnlyList<ClassifiedBeat> beats, RhythmVerdict rhythm, double samplingFrequency)
    {
        var inAf = InAtrialFibrillation(beats.Select(b => b.Sample).ToArray(), rhythm, samplingFrequency);
        return beats.Select((b, i) => inAf[i] && b.Class == AamiClass.S ? AsNormal(b) : b).ToArray();
    }

    /// <summary>For each beat (sample numbers, ascending), whether it lies in a window the rhythm model called atrial fibrillation.</summary>
    private static bool[] InAtrialFibrillation(IReadOnlyList<long> samples, RhythmVerdict rhythm, double samplingFrequency)
    {
        var result = new bool[samples.Count];
        var windows = rhythm.Windows.Where(w => w.Label == RhythmVerdict.AtrialFibrillation).OrderBy(w => w.StartSeconds).ToArray();
        var w = 0;
        for (var b = 0; b < samples.Count && w < windows.Length; b++)
        {
            var seconds = samples[b] / samplingFrequency;
            while (w < windows.Length && seconds >= windows[w].EndSeconds) w++;
            result[b] = w < windows.Length && seconds >= windows[w].StartSeconds;
        }
        return result;
    }

    /// <summary>
    /// The pooled matrix (most probable class) of cross-validation's held-out predictions agreed with the rhythm as
    /// <see cref="Apply"/> does; <paramref name="rhythms"/> holds each record's verdict, sampling frequency and length.
    /// </summary>
    public static ConfusionMatrix CrossValidated(CrossValidationResult cv,
        IReadOnlyDictionary<string, (RhythmVerdict Verdict, double SamplingFrequency, long SampleCount)> rhythms)
    {
        var matrix = new ConfusionMatrix();
        foreach (var (record, probabilities) in cv.HeldOut)
        {
            if (record.Samples.Count != record.Count)
                throw new ArgumentException($"record {record.Group} does not know where its beats are; it was not cut from a recording", nameof(cv));
            var (verdict, fs, length) = rhythms[record.Group];
            var beats = Apply(BeatClassifier.Label(record.Samples, probabilities, length, fs), verdict, fs);
            for (var b = 0; b < record.Count; b++) matrix.Add(record.Labels[b], beats[b].Class);
        }
        return matrix;
    }

    private static ClassifiedBeat AsNormal(ClassifiedBeat beat)
    {
        var probabilities = beat.Probabilities.ToArray();
        probabilities[(int)AamiClass.N] += probabilities[(int)AamiClass.S];
        probabilities[(int)AamiClass.S] = 0;
        return beat with { Class = AamiClass.N, Probabilities = probabilities };
    }
}
