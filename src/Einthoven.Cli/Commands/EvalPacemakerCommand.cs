using System.CommandLine;
using System.Text.Json;
using Einthoven.Evaluation.Pacemaker;
using Einthoven.Evaluation.Pacing;
using Einthoven.Models.Pacemaker;
using Spectre.Console;

namespace Einthoven.Cli.Commands;

/// <summary><c>einthoven eval pacemaker DBDIR [--card CARD] [--json]</c>: the pacemaker detector per record on PTB-XL or MIT-BIH, with 95 % Wilson intervals.</summary>
public static class EvalPacemakerCommand
{
    public static Command Create()
    {
        var command = new Command("pacemaker", "Pacemaker detector per record against the truth (PTB-XL pacemaker column by fold set; MIT-BIH 102/104/107/217), sensitivity and specificity with 95 % Wilson intervals");
        var dir = new Argument<string>("dbdir") { Description = "A MIT-BIH folder (RECORDS) or a PTB-XL folder (ptbxl_database.csv)" };
        var card = new Option<string?>("--card") { Description = "A pacemaker model card (default: the shipped one)" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        command.Arguments.Add(dir);
        command.Options.Add(card);
        command.Options.Add(json);
        command.SetAction(r =>
        {
            var detector = r.GetValue(card) is { } c ? PacemakerDetector.LoadCard(c) : PacemakerDetector.Shipped;
            var records = PacemakerEvaluation.Records(r.GetValue(dir)!);
            var console = CliRunner.Console(r);
            var parallel = Environment.ProcessorCount;
            var outcomes = r.GetValue(json) ? PacemakerEvaluation.Run(detector, records, null, parallel)
                : EvalProgress.Run(console, "Pacemaker detection", p => PacemakerEvaluation.Run(detector, records, p, parallel));
            var scores = PacemakerEvaluation.Score(outcomes);
            var errors = outcomes.Where(o => o.Paced != o.Verdict.Paced).ToArray();
            if (r.GetValue(json))
            {
                r.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(new
                {
                    model = $"{detector.Version.Name}-{detector.Version.Version}",
                    sets = scores.Select(s => new { s.Set, s.Score, s.Score.Sensitivity, sensitivityCi = new[] { s.Score.SensitivityInterval.Lower, s.Score.SensitivityInterval.Upper },
                        s.Score.Specificity, specificityCi = new[] { s.Score.SpecificityInterval.Lower, s.Score.SpecificityInterval.Upper } }),
                    errors,
                }, AnalyzeCommand.Json));
                return CliRunner.ExitCodes.Ok;
            }
            Write(console, $"Pacemaker detector ({detector.Version.Name}-{detector.Version.Version})", scores.Select(s => (s.Set, s.Score)).ToArray());
            foreach (var o in errors)
                console.MarkupLine($"{(o.Paced ? "missed" : "false alarm")}: {Markup.Escape(o.Record)}{(o.StratFold is { } f ? $" (fold {f})" : "")} p = {o.Verdict.Probability:0.000} by {o.Verdict.DecidedBy}");
            return CliRunner.ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>A table of counts, sensitivity and specificity with their 95 % Wilson intervals, one row per set.</summary>
    public static void Write(IAnsiConsole console, string title, IReadOnlyList<(string Set, BinaryScore Score)> sets)
    {
        var table = new Table().Title(Markup.Escape(title)).AddColumns("Set", "Records", "TP", "FP", "TN", "FN", "Sensitivity % (95 % CI)", "Specificity % (95 % CI)");
        foreach (var (set, s) in sets)
            table.AddRow(Markup.Escape(set), s.Total.ToString(), s.TruePositive.ToString(), s.FalsePositive.ToString(), s.TrueNegative.ToString(), s.FalseNegative.ToString(),
                $"{100 * s.Sensitivity:0.0} ({s.SensitivityInterval})", $"{100 * s.Specificity:0.0} ({s.SpecificityInterval})");
        console.Write(table);
    }
}
