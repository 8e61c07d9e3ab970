using Spectre.Console;

namespace Einthoven.Cli.Commands;

/// <summary>Runs an evaluation that reports (done, total) under a Spectre progress bar.</summary>
internal static class EvalProgress
{
    public static T Run<T>(IAnsiConsole console, string title, Func<Action<int, int>, T> work)
    {
        T result = default!;
        console.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask(title);
                result = work((done, total) =>
                {
                    task.MaxValue = total;
                    task.Value = done;
                });
            });
        return result;
    }
}
