using System.CommandLine;
using Einthoven.Models.Analysis;
using Spectre.Console;

namespace Einthoven.Cli.Commands;

/// <summary><c>einthoven eval rhythm DBDIR</c>: the rhythm verdict on PTB-XL against its statements (<see cref="PtbXlRhythmCheck"/>).</summary>
public static class EvalRhythmCommand
{
    public static Command Create()
    {
        var command = new Command("rhythm", "Check the rhythm verdict on PTB-XL: records called atrial fibrillation among AFIB, AFLT, PAC, PVC and plain sinus records (CinC 2017 cross-validation is part of `train rhythm`)");
        var database = new Argument<string>("dbdir") { Description = "Directory of PTB-XL (with ptbxl_database.csv)" };
        command.Arguments.Add(database);
        command.SetAction(r =>
        {
            var dbdir = r.GetValue(database)!;
            if (!File.Exists(Path.Combine(dbdir, "ptbxl_database.csv")))
                throw new DirectoryNotFoundException($"not a PTB-XL directory (no ptbxl_database.csv): {dbdir}");
            var console = CliRunner.Console(r);
            var analyzer = ModelAnalyzer.Shipped;
            var groups = EvalProgress.Run(console, "PTB-XL records", p => PtbXlRhythmCheck.Run(analyzer.Rhythm, dbdir, p));
            var table = new Table().Title("PTB-XL folds 1-9: records the rhythm model calls atrial fibrillation")
                .AddColumns("Records", "Count", "Called AF", "%");
            foreach (var g in groups)
                table.AddRow(Markup.Escape(g.Name), g.Records.ToString(), g.CalledAf.ToString(), (100 * g.AfFraction).ToString("0.0"));
            console.Write(table);
            console.MarkupLine($"[grey]model {Markup.Escape(analyzer.Rhythm.Model.Name)} {Markup.Escape(analyzer.Rhythm.Model.Version)}[/]");
            return CliRunner.ExitCodes.Ok;
        });
        return command;
    }
}
