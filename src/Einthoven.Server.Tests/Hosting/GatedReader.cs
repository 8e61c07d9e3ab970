using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;

namespace Einthoven.Server.Tests.Hosting;

/// <summary>
/// A long synthetic record (a ramp per lead, computed on the fly) whose reading stops at sample
/// <paramref name="pauseAt"/> until the test releases it, or fails there when <paramref name="failAtPause"/>: the
/// test can act while an import is half written.
/// </summary>
public sealed class GatedReader(string name, long samples, long pauseAt, bool failAtPause = false) : ISignalReader
{
    private readonly TaskCompletionSource _paused = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ManualResetEventSlim _released = new();

    public RecordInfo Info { get; } = new()
    {
        Name = name, SamplingFrequency = 250, SampleCount = samples,
        Leads = [new LeadInfo { Name = "I" }, new LeadInfo { Name = "II" }],
    };

    /// <summary>Completes when the reader has reached the pause point (so every earlier batch has been handed over).</summary>
    public Task Paused => _paused.Task;

    public void Release() => _released.Set();

    public IReadOnlyList<string> Annotators => [];

    public IReadOnlyList<Annotation> ReadAnnotations(string annotator) => [];

    public SampleBlock Read(long start, int count)
    {
        if (start >= pauseAt && !_paused.Task.IsCompleted)
        {
            _paused.SetResult();
            if (failAtPause) throw new SignalFormatException(name, "samples", "failed half-way on purpose");
            _released.Wait();
        }
        var n = (int)Math.Clamp(Info.SampleCount - start, 0, count);
        return new SampleBlock(start, [Ramp(start, n, 1), Ramp(start, n, -1)]);
    }

    private static int[] Ramp(long start, int n, int sign) => Enumerable.Range(0, n).Select(i => sign * (int)((start + i) % 2000)).ToArray();

    public void Dispose() => _released.Dispose();
}
