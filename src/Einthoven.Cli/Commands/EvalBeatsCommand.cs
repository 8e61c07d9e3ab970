using System.CommandLine;
using Einthoven.Evaluation.Beats;
using Einthoven.Models.Analysis;
using Einthoven.Models.Beats;
using Spectre.Console;

namespace Einthoven.Cli.Commands;

/// <summary>
/// <c>einthoven eval beats DBDIR</c>: on MIT-BIH, the DS2 report of the beat classifier on detected beats; on any other
/// beat-annotated WFDB database (SVDB, INCART, a hospital's own), the same report over its records
/// (<see cref="EvaluationRecords"/>); on PTB-XL, the record-level check against its statements (<see cref="PtbXlBeatCheck"/>).
/// </summary>
public static class EvalBeatsCommand
{
    public static Command Create()
    {
        var command = new Command("beats", "Evaluate the beat classifier on detected beats (EC57 matching): the confusion matrix, Se, +P and accuracy on MIT-BIH DS2 or on every unpaced record of another beat-annotated WFDB database; on PTB-XL, records against their PAC, PVC, sinus-rhythm and AF statements");
        var database = new Argument<string>("dbdir") { Description = "Directory of the MIT-BIH Arrhythmia Database, of another WFDB database with .atr beat annotations, or of PTB-XL (with ptbxl_database.csv)" };
        var records = new Option<string>("--records")
        {
            Description = "Records to score: auto (DS2 on MIT-BIH, else all), ds2, all (every record with .atr annotations and no paced beats), or names separated by commas",
            DefaultValueFactory = _ => EvaluationRecords.Auto,
        };
        var model = ClassifyCommand.ModelOption();
        var perRecord = new Option<bool>("--per-record") { Description = "Also print each record's matrix" };
        command.Arguments.Add(database);
        command.Options.Add(model);
        command.Options.Add(perRecord);
        command.Options.Add(records);
        command.SetAction(r =>
        {
            var dbdir = r.GetValue(database)!;
            var analyzer = ClassifyCommand.LoadAnalyzer(r.GetValue(model));
            if (File.Exists(Path.Combine(dbdir, "ptbxl_database.csv"))) return CheckPtbXl(CliRunner.Console(r), analyzer, dbdir);
            var chosen = EvaluationRecords.Choose(dbdir, r.GetValue(records));
            var console = CliRunner.Console(r);
            WriteSelection(console, chosen);
            var result = EvalProgress.Run(console, "records", p =>
            {
                var done = 0;
                return BeatEvaluation.Evaluate(record => analyzer.ClassifyBeats(record).Beats, dbdir, chosen.Records,
                    recordDone: _ => p(Interlocked.Increment(ref done), chosen.Records.Count));
            });
            if (r.GetValue(perRecord)) BeatReportView.WritePerRecord(r.InvocationConfiguration.Output, result.Records);
            BeatReportView.Write(console, $"{chosen.Title} (detected beats)", result.Total, compare: chosen.IsDs2);
            WriteModel(console, analyzer);
            return CliRunner.ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteSelection(IAnsiConsole console, EvaluationRecords chosen)
    {
        if (chosen.Paced.Count > 0) console.MarkupLine($"[grey]left out, paced beats in the reference: {Markup.Escape(string.Join(" ", chosen.Paced))}[/]");
        if (chosen.Unannotated.Count > 0) console.MarkupLine($"[grey]left out, no reference annotations (.atr): {Markup.Escape(string.Join(" ", chosen.Unannotated))}[/]");
        if (chosen.SeenInTraining.Count > 0) console.MarkupLine($"[yellow]records {Markup.Escape(string.Join(" ", chosen.SeenInTraining))} are MIT-BIH records the shipped model was trained on (all 44 unpaced records since beats v7): their figures are not held out[/]");
    }

    private static int CheckPtbXl(IAnsiConsole console, ModelAnalyzer analyzer, string dbdir)
    {
        var groups = EvalProgress.Run(console, "PTB-XL records", p => PtbXlBeatCheck.Run(record => analyzer.ClassifyBeats(record).Beats, dbdir, progress: p));
        var table = new Table().Title("PTB-XL folds 1-9, record-level check against the statements")
            .AddColumns("Records", "Expected", "Count", "Met %", "S beats / record", "V beats / record");
        foreach (var g in groups)
            table.AddRow(Markup.Escape(g.Name), g.Expectation, g.Records.ToString(), (100 * g.MetFraction).ToString("0.0"),
                ((double)g.SBeats / Math.Max(1, g.Records)).ToString("0.00"), ((double)g.VBeats / Math.Max(1, g.Records)).ToString("0.00"));
        console.Write(table);
        WriteModel(console, analyzer);
        return CliRunner.ExitCodes.Ok;
    }

    private static void WriteModel(IAnsiConsole console, ModelAnalyzer analyzer)
    {
        if (analyzer.Beats.Card is { } card) console.MarkupLine($"[grey]model {Markup.Escape(card.Name)} {Markup.Escape(card.Version)} of {Markup.Escape(card.Date)}, weights SHA-256 {card.WeightsSha256[..16]}...; {Markup.Escape(analyzer.Name)}, S beats in atrial fibrillation counted as N, V and S decisions adapted to the patient[/]");
    }
}
