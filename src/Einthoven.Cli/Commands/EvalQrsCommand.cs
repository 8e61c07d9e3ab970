using System.CommandLine;
using System.Text.Json;
using Einthoven.Evaluation.Beats;
using Einthoven.Evaluation.Qrs;
using Einthoven.Evaluation.Databases;
using Spectre.Console;

namespace Einthoven.Cli.Commands;

/// <summary>
/// <c>einthoven eval qrs DBDIR [--records a,b] [--json]</c>: the SPEC QRS protocol (first lead, whole record, 150 ms
/// window, flutter excluded) over every record in DBDIR/RECORDS, against its 'atr' annotations.
/// </summary>
public static class EvalQrsCommand
{
    public static Command Create()
    {
        var command = new Command("qrs", "QRS detection protocol: per-record and total Se, +P, F1 against the reference 'atr' beats");
        var db = new Argument<string>("dbdir") { Description = "Database folder with a RECORDS list (e.g. shared/data/mitdb)" };
        var records = new Option<string?>("--records") { Description = "Comma-separated subset of the records to evaluate" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        command.Arguments.Add(db);
        command.Options.Add(records);
        command.Options.Add(json);
        command.SetAction(r =>
        {
            var dir = r.GetValue(db)!;
            var names = RecordNames(dir, r.GetValue(records));
            var console = CliRunner.Console(r);
            var results = r.GetValue(json) ? names.Select(n => QrsEvaluation.Evaluate(dir, n)).ToList() : WithProgress(console, dir, names);
            var report = QrsReport.Of(results);
            if (r.GetValue(json))
                r.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
            else
                Print(console, report);
            return CliRunner.ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The records of DIR/RECORDS, or the comma-separated <paramref name="subset"/> of them.</summary>
    internal static IReadOnlyList<string> RecordNames(string dir, string? subset)
    {
        var all = DatabaseRecords.Read(dir);
        if (subset is null) return all;
        var wanted = subset.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = wanted.Where(w => !all.Contains(w)).ToList();
        if (unknown.Count > 0) throw new CliUsageException($"not in {Path.Combine(dir, DatabaseRecords.ListFile)}: {string.Join(", ", unknown)}");
        return wanted;
    }

    private static List<RecordScore> WithProgress(IAnsiConsole console, string dir, IReadOnlyList<string> names) =>
        EvalProgress.Run(console, "QRS detection on MIT-BIH", progress =>
        {
            var results = new List<RecordScore>();
            foreach (var name in names)
            {
                results.Add(QrsEvaluation.Evaluate(dir, name));
                progress(results.Count, names.Count);
            }
            return results;
        });

    private static void Print(IAnsiConsole console, QrsReport report)
    {
        var table = new Table().Title("QRS detection (first lead, 150 ms window, VF excluded)")
            .AddColumns("Record", "Beats", "TP", "FN", "FP", "Se %", "+P %", "F1 %");
        foreach (var s in report.Records)
            table.AddRow(Markup.Escape(s.Record), s.ReferenceBeats.ToString(), s.TruePositives.ToString(), s.FalseNegatives.ToString(),
                s.FalsePositives.ToString(), Percent(s.Sensitivity), Percent(s.PositivePredictivity), Percent(s.F1));
        var t = report.Total;
        table.AddRow("[bold]total[/]", t.ReferenceBeats.ToString(), t.TruePositives.ToString(), t.FalseNegatives.ToString(),
            t.FalsePositives.ToString(), $"[bold]{Percent(t.Sensitivity)}[/]", $"[bold]{Percent(t.PositivePredictivity)}[/]", $"[bold]{Percent(t.F1)}[/]");
        console.Write(table);
        if (report.Worst is { } w)
            console.MarkupLine($"worst record: [yellow]{Markup.Escape(w.Record)}[/] (F1 {Percent(w.F1)} %, {w.FalseNegatives} FN, {w.FalsePositives} FP)");
    }

    private static string Percent(double v) => (100 * v).ToString("0.00");
}
