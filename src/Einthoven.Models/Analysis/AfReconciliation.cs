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
    /// <param name="inAf">For each beat, whether it lies in atrial fibrillation (<see cref="InAtrialFibrillation"/>).</param>
    public static IReadOnlyList<ClassifiedBeat> Apply(IReadOnlyList<ClassifiedBeat> beats, IReadOnlyList<bool> inAf) =>
        beats.Select((b, i) => inAf[i] && b.Class == AamiClass.S ? AsNormal(b) : b).ToArray();

    /// <summary>For each beat (sample numbers, ascending), whether it lies in a window the rhythm model called atrial fibrillation.</summary>
    public static bool[] InAtrialFibrillation(IReadOnlyList<long> samples, RhythmVerdict rhythm, double samplingFrequency)
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

    private static ClassifiedBeat AsNormal(ClassifiedBeat beat)
    {
        var probabilities = beat.Probabilities.ToArray();
        probabilities[(int)AamiClass.N] += probabilities[(int)AamiClass.S];
        probabilities[(int)AamiClass.S] = 0;
        return beat with { Class = AamiClass.N, Probabilities = probabilities };
    }
}
