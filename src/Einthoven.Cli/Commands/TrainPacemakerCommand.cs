using System.CommandLine;
using Einthoven.Evaluation.Pacing;
using Einthoven.Training.Pacemaker;
using Spectre.Console;

namespace Einthoven.Cli.Commands;

/// <summary><c>einthoven train pacemaker DBDIR</c>: fits the pacemaker detector's model on PTB-XL folds 1-8 and reports fold 9.</summary>
public static class TrainPacemakerCommand
{
    public static Command Create()
    {
        var command = new Command("pacemaker", "Fit the pacemaker detector's model on PTB-XL folds 1-8 (with augmented paced records), choose penalty and threshold leaving one fold out, report fold 9 (fold 10 and MIT-BIH are never read)");
        var directory = new Argument<string>("dbdir") { Description = "The PTB-XL directory (ptbxl_database.csv, records100/)" };
        var output = new Option<string>("--output", "-o") { Description = $"Folder for {PacemakerModelBuilder.WeightsFile} and {PacemakerModelBuilder.CardFile}", DefaultValueFactory = _ => "." };
        var limit = new Option<int?>("--limit") { Description = "Only the first N records by ecg_id (quick runs)" };
        var variants = new Option<int>("--variants") { Description = "Augmented variants of each paced training record", DefaultValueFactory = _ => PacemakerDataset.PositiveVariants };
        command.Arguments.Add(directory);
        command.Options.Add(output);
        command.Options.Add(limit);
        command.Options.Add(variants);
        command.SetAction(r =>
        {
            var console = CliRunner.Console(r);
            var dir = r.GetValue(directory)!;
            if (!File.Exists(Path.Combine(dir, "ptbxl_database.csv"))) throw new DirectoryNotFoundException($"not a PTB-XL folder (no ptbxl_database.csv): {dir}");
            if (r.GetValue(limit) < 1) throw new CliUsageException("--limit must be positive");
            if (r.GetValue(variants) < 0) throw new CliUsageException("--variants must not be negative");
            var report = StagedProgress.Run(console,
                [("features", "records and variants read", true), ("cross-validation", "cross-validation (folds 1-8, each penalty)", true), ("train", "final model", true)],
                progress => PacemakerModelBuilder.Build(dir, r.GetValue(output)!, r.GetValue(limit), null,
                    (stage, done, total) => progress(stage, (double)done / Math.Max(1, total)), r.GetValue(variants)));
            foreach (var cv in report.CrossValidation.OrderBy(c => c.L2))
                console.MarkupLine($"L2 {cv.L2:0.###}: cross-validated log-loss {cv.LogLoss:0.0000}{(cv == report.CrossValidation[0] ? " [bold](chosen)[/]" : "")}");
            EvalPacemakerCommand.Write(console, "Pacemaker detector on PTB-XL",
                [("folds 1-8, held out by fold", report.CrossValidated), ("folds 1-8, final model", report.Training), ("fold 9 (validation)", report.Validation)]);
            console.MarkupLine($"[green]wrote[/] {Markup.Escape(report.WeightsPath)} and {Markup.Escape(Path.GetFileName(report.CardPath))} (SHA-256 {report.Card.WeightsSha256}) in {report.Elapsed.TotalSeconds:0} s");
            return CliRunner.ExitCodes.Ok;
        });
        return command;
    }
}
