using System.CommandLine;
using Einthoven.Models.Beats;
using Spectre.Console;

namespace Einthoven.Cli.Commands;

/// <summary><c>einthoven eval beats DBDIR</c>: the DS2 report of the shipped beat classifier on detected beats.</summary>
public static class EvalBeatsCommand
{
    public static Command Create()
    {
        var command = new Command("beats", "Evaluate the beat classifier on MIT-BIH DS2 (detected beats, EC57 matching): confusion matrix, Se, +P, accuracy");
        var database = new Argument<string>("dbdir") { Description = "Directory of the MIT-BIH Arrhythmia Database" };
        var model = ClassifyCommand.ModelOption();
        var perRecord = new Option<bool>("--per-record") { Description = "Also print each record's matrix" };
        command.Arguments.Add(database);
        command.Options.Add(model);
        command.Options.Add(perRecord);
        command.SetAction(r =>
        {
            var dbdir = r.GetValue(database)!;
            var classifier = ClassifyCommand.LoadClassifier(r.GetValue(model));
            var result = BeatEvaluation.Evaluate(classifier, dbdir, DeChazalSplit.Ds2);
            var console = CliRunner.Console(r);
            if (r.GetValue(perRecord)) BeatReportView.WritePerRecord(r.InvocationConfiguration.Output, result.Records);
            BeatReportView.Write(console, "DS2 (detected beats)", result.Total, compare: true);
            if (classifier.Card is { } card) console.MarkupLine($"[grey]model {Markup.Escape(card.Name)} {Markup.Escape(card.Version)} of {Markup.Escape(card.Date)}, weights SHA-256 {card.WeightsSha256[..16]}...[/]");
            return CliRunner.ExitCodes.Ok;
        });
        return command;
    }
}
