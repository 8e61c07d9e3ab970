using Einthoven.Learning.Tensors;
using Einthoven.Models.Beats;

namespace Einthoven.Models.Tests.Beats;

public class PatientAdaptationTests
{
    // A beat of a synthetic record: its class, P(S | N or S), and whether its rhythm features look like the patient's S beats.
    private readonly record struct Spec(AamiClass Class, float SShare, bool SLike);

    private static (ClassifiedBeat[] Beats, BeatFeatures Features) Record(IReadOnlyList<Spec> specs, ulong seed = 1)
    {
        var rng = new SplitMix64(seed);
        var width = BeatInputLayout.FeatureCount;
        var features = new float[specs.Count * width];
        var beats = new ClassifiedBeat[specs.Count];
        for (var b = 0; b < specs.Count; b++)
        {
            foreach (var f in BeatInputLayout.RhythmExpertFeatures)
                features[b * width + f] = (specs[b].SLike ? -0.4f : 0f) + 0.1f * (float)rng.NextGaussian();
            var p = new float[AamiMapping.ClassCount];
            var supraventricular = specs[b].Class is AamiClass.N or AamiClass.S ? 0.95f : 0.05f;
            p[(int)AamiClass.S] = supraventricular * specs[b].SShare;
            p[(int)AamiClass.N] = supraventricular * (1 - specs[b].SShare);
            p[(int)AamiClass.V] = 1 - supraventricular;
            beats[b] = new ClassifiedBeat(100 * b, specs[b].Class, p);
        }
        return (beats, new BeatFeatures(new float[specs.Count * BeatInputLayout.InputSize], features));
    }

    private static IEnumerable<Spec> Repeat(int count, AamiClass c, float share, bool sLike) => Enumerable.Repeat(new Spec(c, share, sLike), count);

    [Fact]
    public void Uncertain_N_beats_that_resemble_the_patients_confident_S_beats_become_S_and_nothing_else_changes()
    {
        Spec[] specs = [.. Repeat(200, AamiClass.N, 0.01f, false), .. Repeat(10, AamiClass.S, 0.97f, true),
            .. Repeat(10, AamiClass.N, 0.3f, true), .. Repeat(10, AamiClass.N, 0.3f, false), .. Repeat(5, AamiClass.V, 0.5f, true)];
        var (beats, features) = Record(specs);
        var result = PatientAdaptation.Apply(beats, features, new bool[beats.Length]);
        Assert.All(Enumerable.Range(210, 10), i => Assert.Equal(AamiClass.S, result[i].Class));
        Assert.All(Enumerable.Range(210, 10), i => Assert.Equal(AamiClass.S, BeatClassifier.MostProbable(result[i].Probabilities.ToArray())));
        Assert.All(Enumerable.Range(210, 10), i => Assert.Equal(1f, result[i].Probabilities.Sum(), 5));
        var unchanged = Enumerable.Range(0, 210).Concat(Enumerable.Range(220, 15));
        Assert.All(unchanged, i => Assert.Same(beats[i], result[i]));
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
