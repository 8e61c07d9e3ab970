using System.CommandLine;
using System.Text.Json;
using Einthoven.Evaluation.Databases;
using Einthoven.Evaluation.Delineation;

namespace Einthoven.Cli.Commands;

/// <summary><c>einthoven eval delineation PTBXLDIR [--limit N] [--json]</c>: global measurements against PTB-XL's statements.</summary>
public static class EvalDelineationCommand
{
    public static Command Create()
    {
        var command = new Command("delineation", "Check QRS duration, QTc, axis and PR against PTB-XL's SCP statements (folds 1-9)");
        var dir = new Argument<string>("ptbxldir") { Description = "PTB-XL folder (with ptbxl_database.csv and records100/)" };
        var limit = new Option<int?>("--limit") { Description = "Only the first N records of the index (quick check)" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        command.Arguments.Add(dir);
        command.Options.Add(limit);
        command.Options.Add(json);
        command.SetAction(r =>
        {
            var entries = PtbXlIndex.Load(r.GetValue(dir)!);
            if (r.GetValue(limit) is { } n) entries = entries.Take(n).ToArray();
            var console = CliRunner.Console(r);
            var results = r.GetValue(json) ? DelineationEvaluation.Run(entries)
                : EvalProgress.Run(console, "Delineation on PTB-XL", p => DelineationEvaluation.Run(entries, p));
            if (r.GetValue(json))
            {
                r.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(results, AnalyzeCommand.Json));
                return CliRunner.ExitCodes.Ok;
            }
            console.Write(AgreementTable.Of($"Delineation agreement with PTB-XL statements (likelihood >= {DelineationEvaluation.MinLikelihood})", results));
            return CliRunner.ExitCodes.Ok;
        });
        return command;
    }
}
