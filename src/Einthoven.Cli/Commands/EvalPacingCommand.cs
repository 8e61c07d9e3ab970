using System.CommandLine;
using System.Text.Json;
using Einthoven.Evaluation.Pacing;
using Spectre.Console;

namespace Einthoven.Cli.Commands;

/// <summary><c>einthoven eval pacing DBDIR [--json]</c>: paced-rhythm detection on MIT-BIH or PTB-XL.</summary>
public static class EvalPacingCommand
{
    public static Command Create()
    {
        var command = new Command("pacing", "Paced-rhythm detection per record against the truth (MIT-BIH 102/104/107/217, PTB-XL pacemaker column)");
        var dir = new Argument<string>("dbdir") { Description = "A MIT-BIH folder (RECORDS) or a PTB-XL folder (ptbxl_database.csv)" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        command.Arguments.Add(dir);
        command.Options.Add(json);
        command.SetAction(r =>
        {
            var records = PacingEvaluation.Records(r.GetValue(dir)!);
            var console = CliRunner.Console(r);
            var outcomes = r.GetValue(json) ? PacingEvaluation.Run(records)
                : EvalProgress.Run(console, "Pacing detection", p => PacingEvaluation.Run(records, p));
            var score = PacingEvaluation.Score(outcomes);
            if (r.GetValue(json))
            {
                var errors = outcomes.Where(o => o.Paced != o.Detected).ToArray();
                var spikesOnUnpaced = outcomes.Where(o => !o.Paced && o.SpikeCount > 0).ToArray();
                r.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(new { score, score.Accuracy, score.Sensitivity, score.Specificity, errors, spikesOnUnpaced }, AnalyzeCommand.Json));
                return CliRunner.ExitCodes.Ok;
            }
            var table = new Table().Title("Paced-rhythm detection").AddColumns("Records", "TP", "FP", "TN", "FN", "Accuracy %", "Sensitivity %", "Specificity %");
            table.AddRow(score.Total.ToString(), score.TruePositive.ToString(), score.FalsePositive.ToString(), score.TrueNegative.ToString(),
                score.FalseNegative.ToString(), (100 * score.Accuracy).ToString("0.0"), (100 * score.Sensitivity).ToString("0.0"), (100 * score.Specificity).ToString("0.0"));
            console.Write(table);
            foreach (var o in outcomes.Where(o => o.Paced != o.Detected))
                console.MarkupLine($"{(o.Paced ? "missed" : "false alarm")}: {Markup.Escape(o.Record)} (paced share {o.PacedBeatFraction:P0})");
            var unpaced = outcomes.Where(o => !o.Paced).ToArray();
            console.MarkupLine($"Pacing spikes reported on unpaced records: {unpaced.Sum(o => (long)o.SpikeCount)} on {unpaced.Count(o => o.SpikeCount > 0)} of {unpaced.Length} records"
                + (unpaced.MaxBy(o => o.SpikeCount) is { SpikeCount: > 0 } worst ? $" (most: {Markup.Escape(worst.Record)}, {worst.SpikeCount})" : ""));
            return CliRunner.ExitCodes.Ok;
        });
        return command;
    }
}
