using System.CommandLine;
using Einthoven.Evaluation.Databases;
using Einthoven.Models.Analysis;
using Einthoven.Models.Beats;
using Einthoven.Signal.Records;
using Einthoven.Training.Beats;
using Spectre.Console;

namespace Einthoven.Cli.Commands;

/// <summary>
/// <c>einthoven train beats DBDIR [-o DIR]</c>: builds the beat classifier from MIT-BIH (record-wise cross-validation
/// over all 44 unpaced records and their copies resampled to 128 Hz, final training on all of them; with
/// <c>--standard-records ds1 --holdout-records ds2</c> the de Chazal split of v1-v5) and writes beats.safetensors and
/// beats.card.json. With
/// <c>--with-verified DATASET --champion CARD</c> it retrains on the standard set and the verified beats and decides
/// on the holdout whether the challenger beats the champion (<see cref="TrainBeatsWithVerified"/>).
/// </summary>
public static class TrainBeatsCommand
{
    public static Command Create()
    {
        var command = new Command("beats", "Train the inter-patient beat classifier on all 44 unpaced MIT-BIH records (also resampled to 128 Hz) with record-wise cross-validation by patient; with --with-verified, retrain it on doctor-verified beats and compare it with the running model on a holdout");
        var database = new Argument<string>("dbdir") { Description = "Directory of the MIT-BIH Arrhythmia Database (100.hea, 100.dat, 100.atr, ...)" };
        var output = new Option<string>("--output", "-o") { Description = "Directory for beats.safetensors and beats.card.json", DefaultValueFactory = _ => "." };
        var defaults = new BeatTrainingOptions();
        var epochs = new Option<int>("--epochs") { Description = "Training epochs per network", DefaultValueFactory = _ => defaults.Epochs };
        var ensemble = new Option<int>("--ensemble") { Description = "Networks (seeds) averaged in the ensemble", DefaultValueFactory = _ => defaults.EnsembleSize };
        var folds = new Option<int>("--folds") { Description = "Record-wise (patient-wise) cross-validation folds over the training records for the card (0 skips it)", DefaultValueFactory = _ => new BeatBuildOptions().CrossValidationFolds };
        var threads = new Option<int>("--threads") { Description = "Worker threads", DefaultValueFactory = _ => Environment.ProcessorCount };
        var seed = new Option<ulong>("--seed") { Description = "Random seed", DefaultValueFactory = _ => defaults.Seed };
        var cvOnly = new Option<bool>("--cv-only") { Description = "Only run the cross-validation (to compare options); save nothing, read no holdout records" };
        var perRecord = new Option<bool>("--per-record") { Description = "Also print each record's held-out cross-validation result" };
        var augment = defaults.Augmentation;
        var jitter = new Option<float>("--amplitude-jitter") { Description = "Training augmentation: relative amplitude change per lead", DefaultValueFactory = _ => augment.AmplitudeJitter };
        var ramp = new Option<float>("--baseline-ramp") { Description = "Training augmentation: baseline ramp ends, in dominant-QRS amplitudes", DefaultValueFactory = _ => augment.BaselineRamp };
        var noise = new Option<float>("--noise") { Description = "Training augmentation: white-noise SD, in dominant-QRS amplitudes", DefaultValueFactory = _ => augment.Noise };
        var shift = new Option<int>("--shift") { Description = "Training augmentation: largest shift of the beat window, samples at 120 Hz", DefaultValueFactory = _ => augment.ShiftSamples };
        var standard = new Option<string?>("--standard-records") { Description = "MIT-BIH records to train on, separated by commas, ds1, ds2 or all (the 44 unpaced records, the default)" };
        var holdout = new Option<string?>("--holdout-records") { Description = "MIT-BIH records never trained on that evaluate the model, separated by commas, ds2, or \"\" for none (the default)" };
        var rates = new Option<string>("--resample-to") { Description = "Sampling rates (Hz, 100-1000, separated by commas, or \"\" for none) each training record is also resampled to, trained on and cross-validated at", DefaultValueFactory = _ => string.Join(",", new BeatBuildOptions().ResampledRates) };
        var verified = TrainBeatsWithVerified.Options();
        command.Arguments.Add(database);
        foreach (var o in new Option[] { output, epochs, ensemble, folds, threads, seed, cvOnly, perRecord, jitter, ramp, noise, shift, standard, holdout, rates }.Concat(verified.All))
            command.Options.Add(o);
        command.SetAction(r =>
        {
            var dbdir = r.GetValue(database)!;
            if (r.GetValue(epochs) < 1 || r.GetValue(ensemble) < 1 || r.GetValue(threads) < 1 || r.GetValue(folds) is < 0 or 1)
                throw new CliUsageException("--epochs, --ensemble and --threads must be at least 1, and --folds 0 or at least 2");
            var training = defaults with
            {
                Epochs = r.GetValue(epochs), EnsembleSize = r.GetValue(ensemble), Threads = r.GetValue(threads), Seed = r.GetValue(seed),
                Augmentation = new BeatAugmentation(r.GetValue(jitter), r.GetValue(ramp), r.GetValue(noise), r.GetValue(shift)),
            };
            try { training.Augmentation.Validate(); }
            catch (ArgumentException e) { throw new CliUsageException(e.Message); }
            var standardRecords = MitBihRecordList.Parse(r.GetValue(standard), DeChazalSplit.Unpaced, dbdir);
            var holdoutRecords = MitBihRecordList.Parse(r.GetValue(holdout), [], dbdir);
            if (holdoutRecords.Intersect(standardRecords).FirstOrDefault() is { } both)
                throw new CliUsageException($"record {both} is both trained on and held out: name it in --standard-records or --holdout-records, not both");
            var resampleTo = ParseRates(r.GetValue(rates));
            if (verified.Requested(r))
            {
                if (r.GetValue(cvOnly) || r.GetResult(folds) is { Implicit: false })
                    throw new CliUsageException("--with-verified runs no cross-validation (the holdout is the evaluation): leave out --folds and --cv-only");
                return verified.Run(r, dbdir, r.GetValue(output)!, training, standardRecords, holdoutRecords, r.GetValue(perRecord));
            }
            verified.RefuseWithout(r);
            var options = new BeatBuildOptions
            {
                Training = training, CrossValidationFolds = r.GetValue(folds), TrainingRecords = standardRecords, EvaluationRecords = holdoutRecords,
                ResampledRates = resampleTo,
            };
            var console = CliRunner.Console(r);
            if (r.GetValue(cvOnly))
            {
                if (options.CrossValidationFolds < 2) throw new CliUsageException("--cv-only needs --folds of at least 2");
                WriteCrossValidation(console, dbdir, BeatModelBuilder.CrossValidate(dbdir, options), TrainingSetName(options), r.GetValue(perRecord) ? r.InvocationConfiguration.Output : null);
                return CliRunner.ExitCodes.Ok;
            }
            var report = Run(console, dbdir, r.GetValue(output)!, options);
            if (report.CrossValidation is { } cv) WriteCrossValidation(console, dbdir, cv, TrainingSetName(options), r.GetValue(perRecord) ? r.InvocationConfiguration.Output : null);
            if (report.Ds2 is { } ds2) BeatReportView.Write(console, options.IsDeChazalSplit ? "DS2 (detected beats)" : "holdout records (detected beats)", ds2.Total, compare: options.IsDeChazalSplit);
            console.MarkupLine($"[green]wrote[/] {Markup.Escape(report.CardPath)} (weights SHA-256 {report.Card.WeightsSha256[..16]}...) in {report.Elapsed.TotalMinutes:0.0} min; final training {report.Training.Elapsed.TotalMinutes:0.0} min");
            return CliRunner.ExitCodes.Ok;
        });
        return command;
    }

    private static string TrainingSetName(BeatBuildOptions options) => options.IsDeChazalSplit ? "DS1" : $"{options.TrainingRecords.Count} records,";

    /// <summary>The rates of --resample-to: numbers from 100 to 1000 Hz, or none.</summary>
    internal static IReadOnlyList<double> ParseRates(string? text)
    {
        var parts = (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length > 8) throw new CliUsageException($"--resample-to names {parts.Length} rates; at most 8");
        var rates = new List<double>();
        foreach (var part in parts)
        {
            if (!double.TryParse(part, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var rate) || rate is < 100 or > 1000)
                throw new CliUsageException($"--resample-to: '{part}' is not a sampling rate from 100 to 1000 Hz");
            if (!rates.Contains(rate)) rates.Add(rate);
        }
        return rates;
    }

    private static void WriteCrossValidation(IAnsiConsole console, string dbdir, CrossValidationResult cv, string trainingSet, TextWriter? perRecord)
    {
        if (perRecord is not null) BeatReportView.WritePerRecord(perRecord, cv.Records);
        BeatReportView.Write(console, $"{trainingSet} {cv.Folds.Count}-fold record-wise cross-validation, most probable class", cv.Pooled, compare: false);
        BeatReportView.Write(console, $"{trainingSet} {cv.Folds.Count}-fold record-wise cross-validation, decision rule fitted on the other folds", cv.PooledWithRule, compare: false);
        console.MarkupLine($"decision rule for the final model (class scales N,S,V,F,Q): {cv.Decision.Format()}");
        console.MarkupLine($"premature-beat rule for the final model (prematurity, irregularity, QRS and P-wave correlation): {cv.Premature.Format()}");
        if (cv.Decided is { } decided)
            BeatReportView.Write(console, $"{trainingSet} {cv.Folds.Count}-fold record-wise cross-validation, as the final model decides (class scales and premature-beat rule fitted on the other folds, as chosen)", decided, compare: false);
        // What the product reports: the same held-out predictions agreed with the rhythm and adapted to the patient (ModelAnalyzer.Agree).
        var rhythm = RecordRhythm.LoadShipped(); // not the shipped analyzer: the beat model being replaced need not load
        var held = cv.HeldOut.Select(h => h.Record).ToList();
        var verdicts = MitBihBeats.ForEachRecord(dbdir, held.Select(h => h.Name).Distinct().ToList(), 0, (record, _) =>
                held.Where(h => h.Name == record.Info.Name).Select(h =>
                {
                    var read = h.Resampled ? RecordResampling.Resample(record, h.SamplingFrequency) : record;
                    return (h.Key, Verdict: rhythm.Classify(read), read.Info.SamplingFrequency, read.Info.SampleCount);
                }).ToList())
            .SelectMany(x => x).ToDictionary(x => x.Key, x => (x.Verdict, x.SamplingFrequency, x.SampleCount));
        WriteAsUsersGetThem(console, cv, verdicts, null, $"{trainingSet} {cv.Folds.Count}-fold record-wise cross-validation", perRecord);
        foreach (var rate in cv.ResampledRates)
        {
            BeatReportView.Write(console, $"{trainingSet} {cv.Folds.Count}-fold record-wise cross-validation, held-out records resampled to {rate} Hz, as the final model decides", cv.PooledAt(rate), compare: false);
            WriteAsUsersGetThem(console, cv, verdicts, rate, $"{trainingSet} {cv.Folds.Count}-fold record-wise cross-validation at {rate} Hz", perRecord);
        }
    }

    private static void WriteAsUsersGetThem(IAnsiConsole console, CrossValidationResult cv,
        IReadOnlyDictionary<string, (RhythmVerdict, double, long)> rhythms, double? rate, string title, TextWriter? perRecord)
    {
        var asUsersGetIt = CrossValidatedAnalysis.AsUsersGetThem(cv, rhythms, rate);
        if (perRecord is not null)
        {
            perRecord.WriteLine($"As users get them{(rate is { } hz ? $" at {hz} Hz" : "")} (S beats in atrial fibrillation as N, V and S decisions adapted to the patient):");
            BeatReportView.WritePerRecord(perRecord, asUsersGetIt.Records);
        }
        BeatReportView.Write(console, $"{title}, most probable class, S beats in atrial fibrillation (rhythm model) as N, V and S decisions adapted to the patient",
            asUsersGetIt.Total, compare: false);
    }

    private static BeatBuildReport Run(IAnsiConsole console, string dbdir, string output, BeatBuildOptions options)
    {
        var (trainingSet, evaluationSet) = options.IsDeChazalSplit ? ("DS1", "DS2") : ($"{options.TrainingRecords.Count} records", $"{options.EvaluationRecords.Count} holdout records");
        return StagedProgress.Run(console,
            [
                ("load", $"detect and label {trainingSet}", true),
                ("cross-validation", $"cross-validation ({options.CrossValidationFolds} folds)", options.CrossValidationFolds > 0),
                ("train", $"train {options.Training.EnsembleSize} ensemble member(s) on {trainingSet}", true),
                ("evaluate", $"evaluate on {evaluationSet}", options.EvaluationRecords.Count > 0),
            ],
            progress => BeatModelBuilder.Build(dbdir, output, options, progress));
    }
}
