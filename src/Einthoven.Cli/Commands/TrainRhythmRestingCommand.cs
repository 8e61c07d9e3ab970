using System.CommandLine;
using Einthoven.Training.Rhythm;
using Spectre.Console;

namespace Einthoven.Cli.Commands;

/// <summary><c>einthoven train rhythm-resting DBDIR</c>: cross-validates and fits the 12-lead rhythm head on PTB-XL folds 1-9.</summary>
public static class TrainRhythmRestingCommand
{
    public static Command Create()
    {
        var command = new Command("rhythm-resting", "Cross-validate (leaving one strat_fold out) and fit the 12-lead rhythm head on PTB-XL folds 1-9 (fold 10 is never read)");
        var directory = new Argument<string>("dbdir") { Description = "The PTB-XL directory (ptbxl_database.csv, records100/)" };
        var output = new Option<string>("--output", "-o") { Description = $"Folder for {RestingRhythmModelBuilder.WeightsFile} and {RestingRhythmModelBuilder.CardFile}", DefaultValueFactory = _ => "." };
        var limit = new Option<int?>("--limit") { Description = "Only the first N records by ecg_id (quick runs)" };
        command.Arguments.Add(directory);
        command.Options.Add(output);
        command.Options.Add(limit);
        command.SetAction(r =>
        {
            var console = CliRunner.Console(r);
            var dir = r.GetValue(directory)!;
            if (!File.Exists(Path.Combine(dir, "ptbxl_database.csv"))) throw new DirectoryNotFoundException($"not a PTB-XL folder (no ptbxl_database.csv): {dir}");
            if (r.GetValue(limit) < 1) throw new CliUsageException("--limit must be positive");
            var report = StagedProgress.Run(console,
                [("features", "records read on every lead", true), ("cross-validation", "cross-validation (9 folds, each penalty)", true), ("train", "final head", true)],
                progress => RestingRhythmModelBuilder.Build(dir, r.GetValue(output)!, r.GetValue(limit), null,
                    (stage, done, total) => progress(stage, (double)done / Math.Max(1, total))));
            foreach (var cv in report.CrossValidation.OrderBy(c => c.L2))
                console.MarkupLine($"L2 {cv.L2:0.###}: cross-validated log-loss {cv.LogLoss:0.0000}{(cv == report.CrossValidation[0] ? " [bold](chosen)[/]" : "")}");
            EvalRhythmCommand.WriteGroups(console, $"PTB-XL folds 1-9, leave-one-fold-out cross-validation of the head (L2 {report.CrossValidation[0].L2:0.###}): held-out verdicts", report.CrossValidation[0].Groups);
            console.MarkupLine($"[green]wrote[/] {Markup.Escape(report.WeightsPath)} and {Markup.Escape(Path.GetFileName(report.CardPath))} (SHA-256 {report.Card.WeightsSha256}) in {report.Elapsed.TotalSeconds:0} s");
            return CliRunner.ExitCodes.Ok;
        });
        return command;
    }
}
