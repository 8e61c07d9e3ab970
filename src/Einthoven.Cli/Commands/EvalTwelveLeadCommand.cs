using System.CommandLine;
using System.Text.Json;
using Einthoven.Cli.Plotting;
using Einthoven.Evaluation.Statements;
using Einthoven.Models.TwelveLead;
using Spectre.Console;

namespace Einthoven.Cli.Commands;

/// <summary><c>einthoven eval twelve-lead DBDIR [--folds 9]</c>: the shipped 12-lead classifier end to end on PTB-XL folds (AUC, Brier, decisions).</summary>
public static class EvalTwelveLeadCommand
{
    public static Command Create()
    {
        var command = new Command("twelve-lead", "Score the shipped 12-lead statement classifier on PTB-XL folds (per-class AUC, Brier, decisions at its thresholds; superclass macro AUC)");
        var dir = new Argument<string>("dbdir") { Description = "The PTB-XL directory (ptbxl_database.csv, scp_statements.csv, records100/)" };
        var folds = new Option<int[]>("--folds") { Description = "strat_folds to score (1-9; fold 10 is never read)", DefaultValueFactory = _ => [9], AllowMultipleArgumentsPerToken = true };
        var svg = new Option<string?>("--reliability-svg") { Description = "Also write the superclasses' reliability diagram to this SVG file" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        command.Arguments.Add(dir);
        command.Options.Add(folds);
        command.Options.Add(svg);
        command.Options.Add(json);
        command.SetAction(r =>
        {
            var chosen = r.GetValue(folds)!;
            if (chosen.Length == 0 || chosen.Any(f => f is < 1 or > 9)) throw new CliUsageException("--folds must be strat_folds 1-9");
            var console = CliRunner.Console(r);
            var classifier = TwelveLeadClassifier.LoadShipped();
            var score = r.GetValue(json) ? TwelveLeadEvaluation.Run(classifier, r.GetValue(dir)!, chosen)
                : EvalProgress.Run(console, "12-lead statements", p => TwelveLeadEvaluation.Run(classifier, r.GetValue(dir)!, chosen, p));
            if (r.GetValue(svg) is { } path)
                File.WriteAllText(path, ReliabilityDiagram.Svg(score.Reliability, $"Reliability, PTB-XL fold {string.Join(",", score.Folds)} ({score.Records} records)"));
            if (r.GetValue(json))
            {
                r.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(score, AnalyzeCommand.Json));
                return CliRunner.ExitCodes.Ok;
            }
            var table = new Table().Title($"{Markup.Escape(score.Model)} on PTB-XL fold {string.Join(",", score.Folds)} ({score.Records} records)")
                .AddColumns("Class", "Positives", "AUC", "Brier", "Threshold", "Sensitivity %", "Specificity %", "F1");
            foreach (var c in score.Classes)
                table.AddRow(Markup.Escape(c.Code), c.Positives.ToString(), c.Auc.ToString("0.000"), c.Brier.ToString("0.000"), c.Threshold.ToString("0.00"),
                    (100 * c.Sensitivity).ToString("0.0"), (100 * c.Specificity).ToString("0.0"), c.F1.ToString("0.000"));
            console.Write(table);
            console.MarkupLine($"superclass macro AUC [bold]{score.SuperclassMacroAuc:0.000}[/], mean Brier {score.SuperclassBrier:0.0000}");
            return CliRunner.ExitCodes.Ok;
        });
        return command;
    }
}
