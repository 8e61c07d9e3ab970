using System.CommandLine;
using Spectre.Console;

namespace Einthoven.Cli.Batch;

/// <summary>
/// Runs a record-taking command over many records in one process: on every core, under a progress bar on stderr, then
/// reports each record's result in the order given. One record runs as before, its failure the command's. Shared with
/// the native front binary: signal library only.
/// </summary>
public static class RecordBatch
{
    /// <param name="work">Reads one record (a path) and does the command's job on it, off the calling thread when there are several.</param>
    /// <param name="report">Prints one record's result, on the calling thread, in the order of <paramref name="records"/>.</param>
    /// <returns>
    /// The exit code: for one record 0 (its failure is thrown, as without a batch); for many, 0 when every record
    /// succeeded, else <see cref="CliRunner.ExitCodes.BadInput"/> (every record runs; each failure is printed).
    /// </returns>
    public static int Run<T>(ParseResult r, IReadOnlyList<string> records, Func<string, T> work, Action<string, T> report)
    {
        if (records.Count == 1)
        {
            report(records[0], work(records[0]));
            return CliRunner.ExitCodes.Ok;
        }
        var results = new T[records.Count];
        var failures = new Exception?[records.Count];
        CliRunner.ErrorConsole(r).Progress().AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask($"{records.Count} records", maxValue: records.Count);
                Parallel.For(0, records.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
                {
                    try
                    {
                        results[i] = work(records[i]);
                    }
                    catch (Exception e) when (CliRunner.ExitCodeOf(e) is not null)
                    {
                        failures[i] = e;
                    }
                    task.Increment(1);
                });
            });
        var error = r.InvocationConfiguration.Error;
        for (var i = 0; i < records.Count; i++)
            if (failures[i] is { } e) error.WriteLine($"error: {records[i]}: {CliRunner.MessageOf(e)}");
            else report(records[i], results[i]);
        return failures.Any(f => f is not null) ? CliRunner.ExitCodes.BadInput : CliRunner.ExitCodes.Ok;
    }

    /// <summary>Fails, before any record runs, when many records would be written to the one file <paramref name="output"/>.</summary>
    public static void RequireDirectoryFor(int recordCount, string output)
    {
        if (recordCount > 1 && !IsDirectory(output))
            throw new CliUsageException($"{recordCount} records need a directory to write to, not the file '{output}' (end it with '/')");
    }

    /// <summary>The output file for <paramref name="recordName"/>: OUT itself for one record, else OUT/RECORD.EXT (OUT must then be a directory).</summary>
    public static string OutputPath(string output, string recordName, string extension, int recordCount)
    {
        RequireDirectoryFor(recordCount, output);
        var path = IsDirectory(output) ? Path.Combine(output, $"{recordName}.{extension}") : output;
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        return path;
    }

    private static bool IsDirectory(string output) =>
        Directory.Exists(output) || output.EndsWith(Path.DirectorySeparatorChar) || output.EndsWith(Path.AltDirectorySeparatorChar);
}
