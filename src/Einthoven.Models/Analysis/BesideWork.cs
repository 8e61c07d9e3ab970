namespace Einthoven.Models.Analysis;

/// <summary>
/// A stage of an analysis run on a thread of its own beside the caller's, for stages that do not depend on each other
/// (<see cref="ModelAnalyzer"/>: the beat classes and the rhythm beside the signal library's analysis), so that one
/// analysis uses the cores of a small server. A dedicated thread, not the thread pool: a stage computes for up to
/// seconds, which on pool threads would hold up a server's requests. <see cref="Dispose"/> waits for the stage without
/// throwing, so that no stage outlives the analysis that started it, whether that ended in a result or an exception.
/// </summary>
internal sealed class BesideWork<T> : IDisposable
{
    private readonly Task<T> _task;

    public BesideWork(Func<T> stage) =>
        _task = Task.Factory.StartNew(stage, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>The stage's result, once it has finished; its own exception if it failed.</summary>
    public T Join() => _task.GetAwaiter().GetResult();

    public void Dispose() => ((IAsyncResult)_task).AsyncWaitHandle.WaitOne();
}
