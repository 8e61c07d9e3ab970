using Einthoven.Models.Analysis;

namespace Einthoven.Models.Tests.Analysis;

public class BesideWorkTests
{
    [Fact]
    public void A_stage_runs_on_a_thread_of_its_own_and_gives_its_result()
    {
        var caller = Environment.CurrentManagedThreadId;
        using var work = new BesideWork<int>(() => Environment.CurrentManagedThreadId);
        var stage = work.Join();
        Assert.NotEqual(caller, stage);
        Assert.Equal(stage, work.Join());
    }

    [Fact]
    public void A_failed_stage_throws_its_own_exception_not_an_aggregate()
    {
        using var work = new BesideWork<int>(() => throw new InvalidOperationException("the stage failed"));
        var e = Assert.Throws<InvalidOperationException>(() => work.Join());
        Assert.Equal("the stage failed", e.Message);
    }

    [Fact]
    public void Disposing_waits_for_the_stage_and_does_not_throw_its_exception()
    {
        var finished = false;
        var work = new BesideWork<int>(() =>
        {
            Thread.Sleep(200);
            finished = true;
            throw new InvalidOperationException("after the caller gave up");
        });
        work.Dispose();
        Assert.True(Volatile.Read(ref finished));
    }
}
