namespace Einthoven.Signal.Records;

/// <summary>A window of digital samples of every lead, starting at sample <see cref="Start"/>.</summary>
public sealed class SampleBlock(long start, int[][] samples)
{
    public long Start { get; } = start;

    /// <summary>Digital samples, <c>Samples[lead][i]</c> is sample <c>Start + i</c>.</summary>
    public int[][] Samples { get; } = samples;

    public int Length => Samples.Length == 0 ? 0 : Samples[0].Length;
}
