namespace Einthoven.Signal.Formats.Wfdb;

/// <summary>The samples of a WFDB record, single- or multi-segment, at frame rate.</summary>
internal interface IWfdbSignals : IDisposable
{
    long Length { get; }

    /// <summary>Whether any lead is stored in a signal file (false when every signal is null or every segment a gap).</summary>
    bool HasData { get; }

    /// <summary>Writes samples <c>[start, start + count)</c> of every signal into <c>dst[signal][offset..]</c>.</summary>
    void Read(long start, int count, int[][] dst, int offset);
}
