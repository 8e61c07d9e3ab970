using System.CommandLine;
using System.Globalization;
using Einthoven.Training.Beats;
using Einthoven.Training.Retraining;
using Spectre.Console;

namespace Einthoven.Cli.Commands;

/// <summary>
/// The retraining options of <c>einthoven train beats</c> (<c>--with-verified DATASET --champion CARD</c>, SPEC C7):
/// trains a challenger on the standard records and the dataset's verified beats, scores champion and challenger on
/// the holdout, prints the comparison and writes the JSON report. The exit code is 0 whether or not the challenger
/// wins; the decision is in the report.
/// </summary>
internal sealed class TrainBeatsWithVerified
{
    private readonly Option<string?> dataset = new("--with-verified") { Description = "A verified dataset folder (einthoven-verified-beats/1): retrain on the standard records and its beats, and compare with --champion on the holdout" };
    private readonly Option<string?> champion = new("--champion") { Description = "With --with-verified: the model card of the running model (beats.card.json)" };
    private readonly Option<string?> report = new("--report") { Description = "With --with-verified: where to write the JSON report (default OUTDIR/report.json)" };
    private readonly Option<string> margin = new("--margin") { Description = "With --with-verified: ci (the challenger must win by more than the half-width of the bootstrap 95 % interval) or a fixed amount of the metric", DefaultValueFactory = _ => "ci" };
    private readonly Option<int> bootstrap = new("--bootstrap") { Description = "With --with-verified: bootstrap replicates over holdout records", DefaultValueFactory = _ => 1000 };

    public static TrainBeatsWithVerified Options() => new();

    public IReadOnlyList<Option> All => [dataset, champion, report, margin, bootstrap];

    public bool Requested(ParseResult r) => r.GetValue(dataset) is not null;

    public void RefuseWithout(ParseResult r)
    {
        if (new Option[] { champion, report, margin, bootstrap }.FirstOrDefault(o => r.GetResult(o) is { Implicit: false }) is { } given)
            throw new CliUsageException($"{given.Name} goes with --with-verified");
    }

    public int Run(ParseResult r, string dbdir, string output, BeatTrainingOptions training, IReadOnlyList<string> standard, IReadOnlyList<string> holdout, bool perRecord)
    {
        var card = r.GetValue(champion) ?? throw new CliUsageException("--with-verified needs --champion CARD: the running model to compare with");
        if (r.GetValue(bootstrap) < 1) throw new CliUsageException("--bootstrap must be at least 1");
        BeatRetrainingOptions options;
        try
        {
            options = new BeatRetrainingOptions
            {
                StandardDatabase = dbdir, VerifiedDataset = r.GetValue(dataset)!, ChampionCard = card, OutputDirectory = output,
                StandardRecords = standard, HoldoutRecords = holdout, Training = training,
                Margin = PromotionMargin.Parse(r.GetValue(margin)!), BootstrapReplicates = r.GetValue(bootstrap),
            };
        }
        catch (ArgumentException e) { throw new CliUsageException(e.Message); }
        var console = CliRunner.Console(r);
        BeatRetrainingResult result;
        try
        {
            result = StagedProgress.Run(console,
                [
                    ("load", $"detect and label {standard.Count} standard and the verified records", true),
                    ("train", $"train the challenger ({training.EnsembleSize} ensemble member(s))", true),
                    ("evaluate", "champion and challenger on the holdout", true),
                ],
                progress => BeatRetraining.Run(options, progress));
        }
        catch (ArgumentException e) { throw new CliUsageException(e.Message); }
        if (perRecord) WritePerRecord(r.InvocationConfiguration.Output, result.Holdout);
        Write(console, result.Report);
        var reportPath = r.GetValue(report) ?? Path.Combine(output, "report.json");
        result.Report.Save(reportPath);
        console.MarkupLine($"[green]wrote[/] {Markup.Escape(result.CardPath)} (weights SHA-256 {result.Card.WeightsSha256[..16]}...) and {Markup.Escape(reportPath)}");
        return CliRunner.ExitCodes.Ok;
    }

    private static void Write(IAnsiConsole console, RetrainingReport report)
    {
        var table = new Table().Title($"holdout: {report.Holdout.Records.Count} records, {report.Holdout.Beats} beats")
            .AddColumn("").AddColumn(new TableColumn("champion").RightAligned()).AddColumn(new TableColumn("challenger").RightAligned());
        foreach (var c in report.Champion.F1.Keys)
            table.AddRow($"F1 {c}", Number(report.Champion.F1[c]), Number(report.Challenger.F1[c]));
        table.AddRow($"[bold]{report.Metric}[/]", $"[bold]{Number(report.Champion.Value)}[/]", $"[bold]{Number(report.Challenger.Value)}[/]");
        console.Write(table);
        console.WriteLine($"difference {Number(report.Difference)}, 95 % CI [{Number(report.Ci95[0])}, {Number(report.Ci95[1])}] ({report.Bootstrap} bootstrap replicates over records), required {Number(report.Required)} ({report.Margin})");
        console.MarkupLine(report.Promote ? $"[green]promote the challenger[/]: {Markup.Escape(report.Reason)}" : $"[yellow]keep the champion[/]: {Markup.Escape(report.Reason)}");
    }

    private static void WritePerRecord(TextWriter output, IEnumerable<HoldoutRecordScore> records)
    {
        foreach (var h in records)
            output.WriteLine($"{h.Record}: {HoldoutMetric.Name} champion {Number(HoldoutMetric.Of(h.Champion))}, challenger {Number(HoldoutMetric.Of(h.Challenger))}");
    }

    private static string Number(double x) => x.ToString("0.000", CultureInfo.InvariantCulture);
}
