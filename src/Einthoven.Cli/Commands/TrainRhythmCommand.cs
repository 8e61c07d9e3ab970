using System.CommandLine;
using System.Globalization;
using Einthoven.Learning.Serialization;
using Einthoven.Models.Rhythm;
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
            var options = defaults with { Epochs = r.GetValue(epochs) ?? defaults.Epochs };
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var data = EvalProgress.Run(console, "features", p => CincDataset.Load(dir, r.GetValue(limit), p));
            var metrics = new Dictionary<string, double>();
            if (r.GetValue(folds) >= 2)
            {
                var score = EvalProgress.Run(console, $"{r.GetValue(folds)}-fold cross-validation", p => RhythmTraining.CrossValidate(data, r.GetValue(folds), options, p));
                Print(console, score);
                metrics["cv_score"] = Math.Round(score.Score, 4);
                for (var c = 0; c < RhythmLabels.All.Length; c++) metrics[$"cv_f1_{RhythmLabels.All[c]}"] = Math.Round(score.F1(c), 4);
            }
            var classifier = EvalProgress.Run(console, "final model", p => RhythmTraining.Train(data, null, options, p));
            var seconds = watch.Elapsed.TotalSeconds;
            Directory.CreateDirectory(r.GetValue(output)!);
            var weights = Path.Combine(r.GetValue(output)!, "rhythm.safetensors");
            classifier.Save(weights);
            var card = ModelCard.Describe("einthoven-rhythm", "1", classifier.Network, weights,
                $"PhysioNet/CinC Challenge 2017 training set, {data.Count} single-lead AliveCor records at 300 Hz",
                r.GetValue(folds) >= 2 ? $"stratified {r.GetValue(folds)}-fold cross-validation (seed {options.Seed}); final model on all records" : "no cross-validation; all records",
                metrics, new DateOnly(2026, 11, 22), new Dictionary<string, string>
                {
                    ["model"] = kind == RhythmModelKind.Mlp ? "mlp: the features alone"
                        : $"cnn: lead 0 resampled to {RhythmSignal.Rate} Hz, band-passed 0.5-40 Hz, divided by the median 1-s peak; random {RhythmSignal.CropLength}-sample crops in training, the whole record (zero-padded to {RhythmSignal.MinimumLength} if shorter) at inference; pooled conv output joined with the standardised features",
                    ["features"] = string.Join(",", RhythmFeatures.Names),
                    ["labels"] = string.Join(",", RhythmLabels.All),
                    ["epochs"] = options.Epochs.ToString(CultureInfo.InvariantCulture),
                    ["training"] = $"AdamW lr {options.LearningRate} (warm-up, cosine), weight decay {options.WeightDecay}, batch {options.BatchSize}, square-rooted balanced class weights"
                        + (kind == RhythmModelKind.Mlp ? "" : options.Patience == 0 ? $"; all {options.Epochs} epochs, no early stopping"
                            : $"; early stopping (patience {options.Patience}) on the loss of a stratified 1/{options.ValidationParts} of the training records"),
                    ["training_seconds"] = seconds.ToString("0", CultureInfo.InvariantCulture),
                    ["reproduce"] = "einthoven train rhythm DBDIR -o src/Einthoven.Models/Weights",
                });
            card.Save(Path.Combine(r.GetValue(output)!, "rhythm.card.json"));
            console.MarkupLine($"[green]wrote[/] {Markup.Escape(weights)} and rhythm.card.json");
            return CliRunner.ExitCodes.Ok;
        });
        return command;
    }

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
