using Einthoven.Models.Beats;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;

namespace Einthoven.Server.ContinuousLearning;

/// <summary>
/// A stored recording as a dataset writes it: the samples as stored, the de-identified description
/// (<see cref="Deidentification"/>), and two annotation sets of beats only, without any text: "atr", the physicians'
/// agreed labels (the reference), and "ai", the analysis' labels.
/// </summary>
public sealed class DeidentifiedReader(ISignalReader stored, RecordInfo info, IReadOnlyList<AgreedBeat> physician, IReadOnlyList<AgreedBeat> ai) : ISignalReader
{
    public const string Physician = "atr";
    public const string Ai = "ai";

    public RecordInfo Info => info;

    public IReadOnlyList<string> Annotators => [Physician, Ai];

    public SampleBlock Read(long start, int count) => stored.Read(start, count);

    public IReadOnlyList<Annotation> ReadAnnotations(string annotator) => annotator switch
    {
        Physician => Annotations(physician),
        Ai => Annotations(ai),
        _ => throw new KeyNotFoundException($"no annotation set '{annotator}'"),
    };

    private static List<Annotation> Annotations(IEnumerable<AgreedBeat> beats) =>
        beats.Select(b => new Annotation(b.Sample, AamiMapping.Code(b.Label))).ToList();

    public void Dispose() => stored.Dispose();
}
