using System.CommandLine;
using System.Globalization;
using Einthoven.Evaluation.Rhythm;
using Einthoven.Models.Rhythm;
using Einthoven.Training.Rhythm;
using Spectre.Console;

namespace Einthoven.Cli.Commands;

/// <summary><c>einthoven train rhythm DBDIR</c>: cross-validates and trains the rhythm classifier on CinC 2017.</summary>
public static class TrainRhythmCommand
{
    public static Command Create()
    {
        var command = new Command("rhythm", "Cross-validate and train the rhythm classifier on a CinC 2017 directory (REFERENCE.csv + .hea/.mat)");
        var directory = new Argument<string>("dbdir") { Description = "The CinC 2017 training directory" };
        var output = new Option<string>("--output", "-o") { Description = "Folder for rhythm.safetensors and rhythm.card.json", DefaultValueFactory = _ => "." };
        var folds = new Option<int>("--folds") { Description = "Cross-validation folds (0: skip)", DefaultValueFactory = _ => 5 };
        var limit = new Option<int?>("--limit") { Description = "Only the first N records (quick runs)" };
        var model = new Option<string>("--model") { Description = "mlp (features only) or cnn (features and a network over the signal)", DefaultValueFactory = _ => RhythmTrainingOptions.ShippedModel.ToString().ToLowerInvariant() };
        var epochs = new Option<int?>("--epochs") { Description = "Training epochs (the most, for the cnn; default: the model's own)" };
        command.Arguments.Add(directory);
        command.Options.Add(output);
        command.Options.Add(folds);
        command.Options.Add(limit);
        model.AcceptOnlyFromAmong("mlp", "cnn");
        command.Options.Add(model);
        command.Options.Add(epochs);
        command.SetAction(r =>
        {
            var console = CliRunner.Console(r);
            var dir = r.GetValue(directory)!;
            if (!Directory.Exists(dir)) throw new DirectoryNotFoundException($"{dir} does not exist");
            if (r.GetValue(folds) is 1 or < 0) throw new CliUsageException("--folds must be 0 (skip) or at least 2");
            if (r.GetValue(epochs) < 1) throw new CliUsageException("--epochs must be positive");
            var kind = r.GetValue(model) switch
            {
                "mlp" => RhythmModelKind.Mlp,
                "cnn" => RhythmModelKind.Cnn,
                var other => throw new CliUsageException($"--model must be mlp or cnn, not '{other}'"),
            };
            var defaults = RhythmTrainingOptions.For(kind);
            var options = new RhythmBuildOptions
            {
                Training = defaults with { Epochs = r.GetValue(epochs) ?? defaults.Epochs },
                CrossValidationFolds = r.GetValue(folds),
                Limit = r.GetValue(limit),
            };
            var report = Run(console, dir, r.GetValue(output)!, options);
            if (report.CrossValidation is { } score) Print(console, score);
            console.MarkupLine($"[green]wrote[/] {Markup.Escape(report.WeightsPath)} and {Markup.Escape(Path.GetFileName(report.CardPath))} (weights SHA-256 {report.Card.WeightsSha256[..16]}...) in {report.Elapsed.TotalMinutes:0.0} min");
            return CliRunner.ExitCodes.Ok;
        });
        return command;
    }

    private static RhythmBuildReport Run(IAnsiConsole console, string dir, string output, RhythmBuildOptions options) =>
        StagedProgress.Run(console,
            [
                ("features", "features and signals", true),
                ("cross-validation", $"cross-validation ({options.CrossValidationFolds} folds)", options.CrossValidationFolds > 0),
                ("train", "final model", true),
            ],
            progress => RhythmModelBuilder.Build(dir, output, options, (stage, done, total) => progress(stage, (double)done / Math.Max(1, total))));

    private static void Print(IAnsiConsole console, RhythmScore score)
    {
        var table = new Table().AddColumn("reference \\ predicted");
        foreach (var l in RhythmLabels.All) table.AddColumn(l);
        table.AddColumn("F1");
        for (var i = 0; i < RhythmLabels.All.Length; i++)
            table.AddRow([RhythmLabels.All[i], .. RhythmLabels.All.Select((_, j) => score[i, j].ToString(CultureInfo.InvariantCulture)),
                score.F1(i).ToString("0.000", CultureInfo.InvariantCulture)]);
        console.Write(table);
        console.MarkupLine($"score (mean F1 of N, A, O): [bold]{score.Score.ToString("0.000", CultureInfo.InvariantCulture)}[/]");
    }
}
