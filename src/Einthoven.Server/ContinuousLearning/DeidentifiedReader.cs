using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;

namespace Einthoven.Server.ContinuousLearning;

/// <summary>
/// A stored recording as a dataset version writes it: the samples as stored, under the de-identified description
/// (<see cref="Deidentification.Scrub"/>, with the record's pseudonym as its name), and no annotation set of its own
/// (the dataset writer adds the physicians' and the AI's beats, without any text).
/// </summary>
public sealed class DeidentifiedReader(ISignalReader stored, string recordName) : ISignalReader
{
    public RecordInfo Info { get; } = Deidentification.Scrub(stored.Info, recordName);

    public IReadOnlyList<string> Annotators => [];

    public SampleBlock Read(long start, int count) => stored.Read(start, count);

    public IReadOnlyList<Annotation> ReadAnnotations(string annotator) => throw new KeyNotFoundException($"no annotation set '{annotator}'");

    public void Dispose() => stored.Dispose();
}
