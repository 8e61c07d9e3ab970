using Einthoven.Models.Beats;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;

namespace Einthoven.Models.Verified;

/// <summary>A beat's position (sample number) and its AAMI class.</summary>
public readonly record struct VerifiedBeat(long Sample, AamiClass Class)
{
    /// <summary>The beats of a MIT-style annotation set whose symbols map to an AAMI class, by sample; other annotations are left out.</summary>
    public static IReadOnlyList<VerifiedBeat> FromAnnotations(IEnumerable<Annotation> annotations) =>
        annotations.Select(a => (a.Sample, Class: AamiMapping.FromAnnotation(a)))
            .Where(b => b.Class is not null).Select(b => new VerifiedBeat(b.Sample, b.Class!.Value)).OrderBy(b => b.Sample).ToArray();

    public Annotation ToAnnotation() => new(Sample, AamiMapping.Code(Class));
}

/// <summary>
/// One recording to write into a verified dataset: its name in the folder, the patient group it belongs to, whether it
/// is holdout only, how to open its samples, and the physicians' and the AI's beats. The writer opens the signal when
/// it writes the recording and disposes it right after, so a dataset of long stored recordings streams them one at a
/// time. The signal's description is written as it is (the caller de-identifies it first); its own annotation sets are
/// not written.
/// </summary>
public sealed record VerifiedRecording(string Name, string Group, bool Holdout, Func<ISignalReader> OpenSignal,
    IReadOnlyList<VerifiedBeat> Physician, IReadOnlyList<VerifiedBeat> Ai)
{
    /// <summary>A recording already in memory.</summary>
    public VerifiedRecording(string name, string group, bool holdout, EcgRecord record, IReadOnlyList<VerifiedBeat> physician, IReadOnlyList<VerifiedBeat> ai)
        : this(name, group, holdout, () => new InMemoryReader(record), physician, ai)
    {
    }

    /// <summary>Beats the physicians of this recording disagreed on and that were left out; written to the manifest when given.</summary>
    public int? Disagreements { get; init; }
}
