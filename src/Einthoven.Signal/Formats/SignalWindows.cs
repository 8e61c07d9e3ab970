using Einthoven.Signal.Records;

namespace Einthoven.Signal.Formats;

/// <summary>Reads a record start to end in windows of bounded size, for writers and passes that stream.</summary>
public static class SignalWindows
{
    /// <summary>Samples over all leads in one window by default (4 MB as <c>int</c>).</summary>
    public const int DefaultSamples = 1 << 20;

    /// <summary>Window length per lead that keeps a window of every lead near <see cref="DefaultSamples"/>.</summary>
    public static int LengthFor(RecordInfo info) => Math.Max(1, DefaultSamples / Math.Max(1, info.Leads.Count));

    /// <summary>Consecutive windows of <paramref name="length"/> samples per lead (the last one shorter) covering the record.</summary>
    public static IEnumerable<SampleBlock> Of(ISignalReader reader, int? length = null)
    {
        var step = length ?? LengthFor(reader.Info);
        for (long start = 0; start < reader.Info.SampleCount; start += step)
        {
            var block = reader.Read(start, (int)Math.Min(step, reader.Info.SampleCount - start));
            if (block.Length == 0) yield break;
            yield return block;
        }
    }

    /// <summary>The annotation sets of a reader by annotator, in the reader's order.</summary>
    public static IEnumerable<(string Annotator, IReadOnlyList<Annotation> Annotations)> Annotations(ISignalReader reader) =>
        reader.Annotators.Select(a => (a, reader.ReadAnnotations(a)));
}
