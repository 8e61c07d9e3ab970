using System.CommandLine;
using Einthoven.Training.TwelveLead;
using Spectre.Console;

namespace Einthoven.Cli.Commands;

/// <summary><c>einthoven train twelve-lead DBDIR</c>: the 12-lead statement classifier on PTB-XL folds 1-8, selected and calibrated on fold 9.</summary>
public static class TrainTwelveLeadCommand
{
    public static Command Create()
    {
        var command = new Command("twelve-lead", "Train the 12-lead statement classifier (PTB-XL superclasses, frequent subclasses and rhythms) on folds 1-8; select, calibrate and set thresholds on fold 9 (fold 10 is never read)");
        var directory = new Argument<string>("dbdir") { Description = "The PTB-XL directory (ptbxl_database.csv, scp_statements.csv, records100/)" };
        var output = new Option<string>("--output", "-o") { Description = $"Folder for {TwelveLeadModelBuilder.WeightsFile}, {TwelveLeadModelBuilder.CardFile} and {TwelveLeadModelBuilder.ReportFile}", DefaultValueFactory = _ => "." };
        var limit = new Option<int?>("--limit") { Description = "Only the first N records by ecg_id (quick runs)" };
        var defaults = new TwelveLeadTrainingOptions();
        var epochs = new Option<int>("--epochs") { Description = "Maximum epochs", DefaultValueFactory = _ => defaults.Epochs };
        var width = new Option<int>("--width") { Description = "Channels of the first residual stage", DefaultValueFactory = _ => defaults.Width };
        var crop = new Option<int>("--crop") { Description = "Training window, samples at 100 Hz (at most 1000)", DefaultValueFactory = _ => defaults.Crop };
        var patience = new Option<int>("--patience") { Description = "Stop after this many epochs without a better fold-9 macro AUC (0: never)", DefaultValueFactory = _ => defaults.Patience };
        var seed = new Option<ulong>("--seed") { Description = "Random seed", DefaultValueFactory = _ => defaults.Seed };
        var threads = new Option<int>("--threads") { Description = "Training threads", DefaultValueFactory = _ => defaults.Threads };
        foreach (var o in new Option[] { output, limit, epochs, width, crop, patience, seed, threads }) command.Options.Add(o);
        command.Arguments.Add(directory);
        command.SetAction(r =>
        {
            var console = CliRunner.Console(r);
            var dir = r.GetValue(directory)!;
            if (!File.Exists(Path.Combine(dir, "ptbxl_database.csv"))) throw new DirectoryNotFoundException($"not a PTB-XL folder (no ptbxl_database.csv): {dir}");
            if (r.GetValue(limit) < 1) throw new CliUsageException("--limit must be positive");
            if (r.GetValue(epochs) < 1 || r.GetValue(width) is < 1 or > 256 || r.GetValue(threads) < 1 || r.GetValue(patience) < 0)
                throw new CliUsageException("--epochs and --threads must be positive, --width 1-256, --patience not negative");
            if (r.GetValue(crop) is < 50 or > 1000) throw new CliUsageException("--crop must be 50-1000 samples");
            var options = new TwelveLeadTrainingOptions
            {
                Epochs = r.GetValue(epochs), Width = r.GetValue(width), Crop = r.GetValue(crop), Patience = r.GetValue(patience),
                Seed = r.GetValue(seed), Threads = r.GetValue(threads),
            };
            var built = StagedProgress.Run(console, [("records", "records read and measured", true), ("train", "epochs", true)],
                progress => TwelveLeadModelBuilder.Build(dir, r.GetValue(output)!, options, r.GetValue(limit), null,
                    (stage, done, total) => progress(stage, (double)done / Math.Max(1, total)),
                    e => console.MarkupLine($"epoch {e.Epoch}: loss {e.TrainLoss:0.0000}, fold-9 loss {e.ValidationLoss:0.0000}, macro AUC {e.ValidationScore:0.0000}{(e.Improved ? " [green]best[/]" : "")} ({e.Elapsed.TotalSeconds:0} s)")));
            var table = new Table().Title("Fold 9 (selection)").AddColumns("Class", "Positives", "AUC", "Brier", "Threshold", "Sensitivity %", "Specificity %", "F1");
            foreach (var c in built.Report.Classes)
                table.AddRow(Markup.Escape(c.Code), $"{c.Positives}/{c.Records}", c.Auc.ToString("0.000"), c.Brier.ToString("0.000"), c.Threshold.ToString("0.00"),
                    (100 * c.Sensitivity).ToString("0.0"), (100 * c.Specificity).ToString("0.0"), c.F1.ToString("0.000"));
            console.Write(table);
            console.MarkupLine($"superclass macro AUC [bold]{built.Report.SuperclassMacroAuc:0.000}[/]; Brier {built.Report.SuperclassBrierUncalibrated:0.0000} uncalibrated, {built.Report.SuperclassBrier:0.0000} calibrated, {built.Report.SuperclassBrierCrossFitted:0.0000} cross-fitted");
            console.MarkupLine($"[green]wrote[/] {Markup.Escape(built.WeightsPath)}, {Markup.Escape(Path.GetFileName(built.CardPath))} and {Markup.Escape(Path.GetFileName(built.ReportPath))} (SHA-256 {built.Card.WeightsSha256}) in {built.Elapsed.TotalSeconds:0} s");
            return CliRunner.ExitCodes.Ok;
        });
        return command;
    }
}
