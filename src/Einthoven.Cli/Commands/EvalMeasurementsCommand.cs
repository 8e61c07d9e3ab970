using System.CommandLine;
using System.Text.Json;
using Einthoven.Evaluation.Databases;
using Einthoven.Evaluation.Measurements;
using Einthoven.Models.Analysis;

namespace Einthoven.Cli.Commands;

/// <summary><c>einthoven eval measurements PTBXLDIR [--limit N] [--json]</c>: whether PR and pacing spikes are reported only where they mean something.</summary>
public static class EvalMeasurementsCommand
{
    public static Command Create()
    {
        var command = new Command("measurements", "Check on PTB-XL (folds 1-9) that PR is reported only with P waves and pacing spikes only in paced rhythm");
        var dir = new Argument<string>("ptbxldir") { Description = "PTB-XL folder (with ptbxl_database.csv and records100/)" };
        var limit = new Option<int?>("--limit") { Description = "Only the first N records of the index (quick check)" };
        var json = new Option<bool>("--json") { Description = "Print JSON (with every record's PR and reason) instead of a table" };
        command.Arguments.Add(dir);
        command.Options.Add(limit);
        command.Options.Add(json);
        command.SetAction(r =>
        {
            var entries = PtbXlIndex.Load(r.GetValue(dir)!);
            if (r.GetValue(limit) is { } n) entries = entries.Take(n).ToArray();
            var console = CliRunner.Console(r);
            var analyzer = ModelAnalyzer.Shipped;
            var (checks, records) = r.GetValue(json) ? MeasurementEvaluation.Run(analyzer, entries)
                : EvalProgress.Run(console, "Measurements on PTB-XL", p => MeasurementEvaluation.Run(analyzer, entries, progress: p));
            if (r.GetValue(json))
            {
                r.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(new { checks, records }, AnalyzeCommand.Json));
                return CliRunner.ExitCodes.Ok;
            }
            console.Write(AgreementTable.Of("Measurements with meaning on PTB-XL", checks));
            return CliRunner.ExitCodes.Ok;
        });
        return command;
    }
}
