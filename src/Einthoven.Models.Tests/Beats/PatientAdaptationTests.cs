using Einthoven.Learning.Tensors;
using Einthoven.Models.Beats;

namespace Einthoven.Models.Tests.Beats;

public class PatientAdaptationTests
{
    // A beat of a synthetic record: its class, P(S | N or S), P(V | V, N or S), and whether its rhythm features look
    // like the patient's S beats and its shape features like the patient's V beats.
    private readonly record struct Spec(AamiClass Class, float SShare, bool SLike, float VShare = 0.01f, bool VLike = false);

    private static (ClassifiedBeat[] Beats, BeatFeatures Features) Record(IReadOnlyList<Spec> specs, ulong seed = 1)
    {
        var rng = new SplitMix64(seed);
        var width = BeatInputLayout.FeatureCount;
        var features = new float[specs.Count * width];
        var beats = new ClassifiedBeat[specs.Count];
        for (var b = 0; b < specs.Count; b++)
        {
            for (var f = 0; f < width; f++)
            {
                var rhythm = BeatInputLayout.RhythmExpertFeatures.Contains(f);
                var shifted = rhythm ? specs[b].SLike : specs[b].VLike;
                features[b * width + f] = (shifted ? -0.4f : 0f) + 0.1f * (float)rng.NextGaussian();
            }
            var p = new float[AamiMapping.ClassCount];
            var supraventricular = 1 - specs[b].VShare;
            p[(int)AamiClass.S] = supraventricular * specs[b].SShare;
            p[(int)AamiClass.N] = supraventricular * (1 - specs[b].SShare);
            p[(int)AamiClass.V] = specs[b].VShare;
            beats[b] = new ClassifiedBeat(100 * b, specs[b].Class, p);
        }
        return (beats, new BeatFeatures(new float[specs.Count * BeatInputLayout.InputSize], features));
    }

    private static IEnumerable<Spec> Repeat(int count, AamiClass c, float share, bool sLike) => Enumerable.Repeat(new Spec(c, share, sLike), count);

    private static IEnumerable<Spec> RepeatV(int count, AamiClass c, float vShare, bool vLike) => Enumerable.Repeat(new Spec(c, 0.01f, false, vShare, vLike), count);

    [Fact]
    public void Uncertain_N_beats_that_resemble_the_patients_confident_S_beats_become_S_and_nothing_else_changes()
    {
        Spec[] specs = [.. Repeat(200, AamiClass.N, 0.01f, false), .. Repeat(10, AamiClass.S, 0.97f, true),
            .. Repeat(10, AamiClass.N, 0.3f, true), .. Repeat(10, AamiClass.N, 0.3f, false), .. RepeatV(3, AamiClass.V, 0.97f, true)];
        var (beats, features) = Record(specs);
        var result = PatientAdaptation.Apply(beats, features, new bool[beats.Length]);
        Assert.All(Enumerable.Range(210, 10), i => Assert.Equal(AamiClass.S, result[i].Class));
        Assert.All(Enumerable.Range(210, 10), i => Assert.Equal(AamiClass.S, BeatClassifier.MostProbable(result[i].Probabilities.ToArray())));
        Assert.All(Enumerable.Range(210, 10), i => Assert.Equal(1f, result[i].Probabilities.Sum(), 5));
        var unchanged = Enumerable.Range(0, 210).Concat(Enumerable.Range(220, 13));
        Assert.All(unchanged, i => Assert.Same(beats[i], result[i]));
    }

    [Fact]
    public void Uncertain_beats_take_the_side_of_the_patients_confident_V_or_supraventricular_beats_both_ways()
    {
        Spec[] specs = [.. RepeatV(200, AamiClass.N, 0.01f, false), .. RepeatV(10, AamiClass.V, 0.97f, true),
            .. RepeatV(10, AamiClass.N, 0.3f, true), .. RepeatV(10, AamiClass.V, 0.6f, false), .. RepeatV(10, AamiClass.N, 0.3f, false)];
        var (beats, features) = Record(specs);
        var result = PatientAdaptation.Apply(beats, features, new bool[beats.Length]);
        Assert.All(result.Skip(210).Take(10), b => Assert.Equal(AamiClass.V, b.Class));
        Assert.All(result.Skip(220).Take(10), b => Assert.Equal(AamiClass.N, b.Class));
        Assert.All(result.Skip(210).Take(20), b => Assert.Equal(b.Class, BeatClassifier.MostProbable(b.Probabilities.ToArray())));
        Assert.All(Enumerable.Range(0, 210).Concat(Enumerable.Range(230, 10)), i => Assert.Same(beats[i], result[i]));
    }

    [Fact]
    public void A_record_with_too_few_confident_S_beats_is_left_as_it_is()
    {
        Spec[] specs = [.. Repeat(200, AamiClass.N, 0.01f, false), .. Repeat(PatientAdaptation.MinSeeds - 1, AamiClass.S, 0.97f, true), .. Repeat(10, AamiClass.N, 0.3f, true)];
        var (beats, features) = Record(specs);
        Assert.Same(beats, PatientAdaptation.Apply(beats, features, new bool[beats.Length]));
    }

    [Fact]
    public void Excluded_beats_neither_teach_nor_change()
    {
        Spec[] specs = [.. Repeat(200, AamiClass.N, 0.01f, false), .. Repeat(10, AamiClass.S, 0.97f, true), .. Repeat(10, AamiClass.N, 0.3f, true)];
        var (beats, features) = Record(specs);
        // Excluding the confident S beats leaves too few to learn from.
        var excluded = Enumerable.Range(0, beats.Length).Select(i => i is >= 200 and < 210).ToArray();
        Assert.Same(beats, PatientAdaptation.Apply(beats, features, excluded));
        // Excluding the uncertain beats keeps them N.
        excluded = Enumerable.Range(0, beats.Length).Select(i => i >= 210).ToArray();
        Assert.All(PatientAdaptation.Apply(beats, features, excluded).Skip(210), b => Assert.Equal(AamiClass.N, b.Class));
    }

    [Fact]
    public void In_a_record_where_premature_beats_are_the_majority_S_beats_are_found_and_never_lost()
    {
        // Session 9's lesson: a record-level statistic can follow a premature majority. Here S beats outnumber N 3 to 1.
        Spec[] specs = [.. Repeat(60, AamiClass.N, 0.01f, false), .. Repeat(180, AamiClass.S, 0.97f, true), .. Repeat(20, AamiClass.S, 0.6f, true),
            .. Repeat(20, AamiClass.N, 0.3f, true), .. Repeat(20, AamiClass.N, 0.2f, false)];
        var (beats, features) = Record(specs);
        var result = PatientAdaptation.Apply(beats, features, new bool[beats.Length]);
        Assert.All(result.Take(60), b => Assert.Equal(AamiClass.N, b.Class));
        Assert.All(result.Skip(60).Take(220), b => Assert.Equal(AamiClass.S, b.Class));
        Assert.All(result.Skip(280), b => Assert.Equal(AamiClass.N, b.Class));
    }

    [Fact]
    public void Mismatched_inputs_are_refused()
    {
        var (beats, features) = Record([.. Repeat(3, AamiClass.N, 0.01f, false)]);
        Assert.Throws<ArgumentException>(() => PatientAdaptation.Apply(beats, features, new bool[2]));
        Assert.Throws<ArgumentException>(() => PatientAdaptation.Apply(beats[..2], features, new bool[2]));
    }
}
