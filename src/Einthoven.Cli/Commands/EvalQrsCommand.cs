using System.CommandLine;
using System.Text.Json;
using Einthoven.Signal.Analysis.Detection;
using Einthoven.Signal.Formats;
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
            var results = r.GetValue(json) ? names.Select(n => Evaluate(dir, n)).ToList() : WithProgress(console, dir, names);
            var report = QrsReport.Of(results);
            if (r.GetValue(json))
                r.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
            else
                Print(console, report);
            return CliRunner.ExitCodes.Ok;
        });
        return command;
    }

    public static RecordScore Evaluate(string dir, string name)
    {
        var path = Path.Combine(dir, name);
        using var reader = RecordFiles.Open(path);
        if (!reader.Annotators.Contains("atr"))
            throw new CliUsageException($"{name} has no reference annotations (.atr) in {dir}");
        var beats = DetectCommand.Detect(reader, 0);
        var score = QrsProtocol.Evaluate(reader.ReadAnnotations("atr"), beats, reader.Info.SamplingFrequency).Score;
        return RecordScore.Of(name, score);
    }

    private static IReadOnlyList<string> RecordNames(string dir, string? subset)
    {
        if (!Directory.Exists(dir)) throw new DirectoryNotFoundException($"database folder {dir} not found");
        var list = Path.Combine(dir, "RECORDS");
        if (!File.Exists(list)) throw new FileNotFoundException($"{list} not found: the database folder needs a RECORDS list", list);
        var all = File.ReadAllLines(list).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        if (subset is null) return all;
        var wanted = subset.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = wanted.Where(w => !all.Contains(w)).ToList();
        if (unknown.Count > 0) throw new CliUsageException($"not in {list}: {string.Join(", ", unknown)}");
        return wanted;
    }

    private static List<RecordScore> WithProgress(IAnsiConsole console, string dir, IReadOnlyList<string> names)
    {
        var results = new List<RecordScore>();
        console.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("QRS detection", maxValue: names.Count);
                foreach (var name in names)
                {
                    task.Description = $"QRS detection {name}";
                    results.Add(Evaluate(dir, name));
                    task.Increment(1);
                }
            });
        return results;
    }

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

/// <summary>One record's counts and statistics, as printed and as JSON.</summary>
public sealed record RecordScore(string Record, int ReferenceBeats, int TruePositives, int FalseNegatives, int FalsePositives,
    double Sensitivity, double PositivePredictivity, double F1)
{
    public static RecordScore Of(string name, DetectionScore s) =>
        new(name, s.ReferenceBeats, s.TruePositives, s.FalseNegatives, s.FalsePositives, s.Sensitivity, s.PositivePredictivity, s.F1);

    public DetectionScore Score => new(TruePositives, FalseNegatives, FalsePositives);
}

/// <summary>Per-record scores, the gross total and the record with the lowest F1.</summary>
public sealed record QrsReport(IReadOnlyList<RecordScore> Records, RecordScore Total, RecordScore? Worst)
{
    public static QrsReport Of(IReadOnlyList<RecordScore> records) =>
        new(records, RecordScore.Of("total", DetectionScore.Sum(records.Select(r => r.Score))),
            records.OrderBy(r => r.F1).ThenByDescending(r => r.FalseNegatives + r.FalsePositives).FirstOrDefault());
}
