using Einthoven.Models.Beats;
using Einthoven.Signal.Records;

namespace Einthoven.Models.Verified;

/// <summary>A beat's position (sample number) and its AAMI class.</summary>
public readonly record struct VerifiedBeat(long Sample, AamiClass Class)
{
    /// <summary>The beats of a MIT-style annotation set whose symbols map to an AAMI class; other annotations are left out.</summary>
    public static IReadOnlyList<VerifiedBeat> FromAnnotations(IEnumerable<Annotation> annotations) =>
        annotations.Select(a => (a.Sample, Class: AamiMapping.FromAnnotation(a)))
            .Where(b => b.Class is not null).Select(b => new VerifiedBeat(b.Sample, b.Class!.Value)).ToArray();

    public Annotation ToAnnotation() => new(Sample, AamiMapping.Code(Class));
}

/// <summary>
/// One recording to write into a verified dataset: its name in the folder, the patient group it belongs to, whether it
/// is holdout only, its samples (the caller de-identifies the record's metadata first) and the physician's and the AI's beats.
/// </summary>
public sealed record VerifiedRecording(string Name, string Group, bool Holdout, EcgRecord Record,
    IReadOnlyList<VerifiedBeat> Physician, IReadOnlyList<VerifiedBeat> Ai);
