namespace Einthoven.Models.Beats;

/// <summary>
/// The classifier is two experts. The morphology expert (a CNN over the beat's windows, with the rhythm features)
/// tells ventricular, fusion and unclassifiable beats from supraventricular ones (N and S together). The rhythm
/// expert (a small network over the rhythm and template features only) splits that group into N and S. Inter-patient,
/// what separates S from N is timing, not the shape of a patient's beats: a CNN allowed to decide S memorises the
/// few training patients' S morphology and misses S beats in new ones.
/// </summary>
public static class BeatExperts
{
    /// <summary>Morphology outputs: supraventricular (N or S), V, F, Q.</summary>
    public const int MorphologyClasses = 4;

    /// <summary>Rhythm outputs: N, S.</summary>
    public const int RhythmClasses = 2;

    public static int MorphologyLabel(AamiClass c) => c switch
    {
        AamiClass.N or AamiClass.S => 0,
        AamiClass.V => 1,
        AamiClass.F => 2,
        _ => 3,
    };

    /// <summary>The rhythm expert's label, for the beats it is trained on (N and S only).</summary>
    public static int? RhythmLabel(AamiClass c) => c switch
    {
        AamiClass.N => 0,
        AamiClass.S => 1,
        _ => null,
    };

    /// <summary>P(N) = P(N or S) P(N | N or S), P(S) likewise; V, F and Q come from the morphology expert.</summary>
    public static void Combine(ReadOnlySpan<float> morphology, ReadOnlySpan<float> rhythm, Span<float> aami)
    {
        aami[(int)AamiClass.N] = morphology[0] * rhythm[0];
        aami[(int)AamiClass.S] = morphology[0] * rhythm[1];
        aami[(int)AamiClass.V] = morphology[1];
        aami[(int)AamiClass.F] = morphology[2];
        aami[(int)AamiClass.Q] = morphology[3];
    }
}
