using Spectre.Console;

namespace Einthoven.Cli.Commands;

/// <summary>One progress bar per stage of a long build (training), each filled as the work reports its fraction.</summary>
internal static class StagedProgress
{
    /// <param name="stages">Each stage's key (as the work reports it), title, and whether it runs at all (a skipped one shows full).</param>
    /// <param name="work">Runs the build, reporting (stage key, fraction of that stage done).</param>
    public static T Run<T>(IAnsiConsole console, IReadOnlyList<(string Key, string Title, bool Runs)> stages, Func<Action<string, double>, T> work)
    {
        T result = default!;
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var tasks = stages.ToDictionary(s => s.Key, s =>
                {
                    var task = context.AddTask(s.Title, autoStart: s.Runs, maxValue: 1);
                    if (!s.Runs) task.Value = 1;
                    return task;
                });
                result = work((stage, fraction) =>
                {
                    var task = tasks[stage];
                    if (!task.IsStarted) task.StartTask();
                    task.Value = Math.Max(task.Value, fraction);
                });
                foreach (var task in tasks.Values) task.Value = 1;
            });
        return result;
    }
}
