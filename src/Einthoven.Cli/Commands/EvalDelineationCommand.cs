using Spectre.Console;
using System.CommandLine;
using System.Text.Json;
using Einthoven.Evaluation.Databases;
using Einthoven.Evaluation.Delineation;

namespace Einthoven.Cli.Commands;

/// <summary>
/// <c>einthoven eval delineation DIR [--limit N] [--json]</c>: on LUDB (told by its files), waves and intervals against
/// the experts' delineation; otherwise global measurements against PTB-XL's statements.
/// </summary>
public static class EvalDelineationCommand
{
    public static Command Create()
    {
        var command = new Command("delineation",
            "Score wave delineation against LUDB's experts, or check QRS duration, QTc, axis and PR against PTB-XL's SCP statements (folds 1-9)");
        var dir = new Argument<string>("dir") { Description = "LUDB folder (RECORDS, ludb.csv, data/) or PTB-XL folder (ptbxl_database.csv, records100/)" };
        var limit = new Option<int?>("--limit") { Description = "Only the first N records (quick check)" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var resample = new Option<double?>("--resample") { Description = "LUDB only: resample records and annotations to this rate in Hz first (e.g. 100, PTB-XL's)" };
        command.Arguments.Add(dir);
        command.Options.Add(resample);
        command.Options.Add(limit);
        command.Options.Add(json);
        command.SetAction(r =>
        {
            if (!Directory.Exists(r.GetValue(dir))) throw new DirectoryNotFoundException($"{r.GetValue(dir)} not found: give a LUDB or PTB-XL folder");
            if (Ludb.IsLudb(r.GetValue(dir)!)) return RunLudb(r, r.GetValue(dir)!, r.GetValue(limit), r.GetValue(resample), r.GetValue(json));
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

    private static int RunLudb(ParseResult r, string directory, int? limit, double? resample, bool json)
    {
        if (resample is <= 0) throw new CliUsageException($"--resample must be a positive rate in Hz, not {resample}");
        var console = CliRunner.Console(r);
        var results = json ? LudbDelineationEvaluation.Run(directory, limit: limit, resampleTo: resample)
            : EvalProgress.Run(console, "Delineation on LUDB", p => LudbDelineationEvaluation.Run(directory, p, limit, resample));
        if (json)
        {
            r.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(results, AnalyzeCommand.Json));
            return CliRunner.ExitCodes.Ok;
        }
        foreach (var result in results) Write(console, result);
        return CliRunner.ExitCodes.Ok;
    }

    private static void Write(IAnsiConsole console, LudbDelineationResult result)
    {
        console.Write(new Rule($"Expert global waves: {(result.Reference == GlobalRule.MedianOfLeads ? "median of the leads' marks" : "earliest onset, latest offset (IEC 60601-2-25)")}"));
        var detection = new Table().Title($"Wave detection on LUDB ({result.Records} records, global waves, peaks within {WaveMatching.ToleranceSeconds * 1000:0} ms)")
            .AddColumns("Wave", "Expert", "Detected", "Matched", "Se %", "+P %");
        foreach (var d in result.Detection)
            detection.AddRow(d.Wave, d.Expert.ToString(), d.Detected.ToString(), d.Matched.ToString(), d.SensitivityPercent.ToString("0.0"), d.PositivePredictivityPercent.ToString("0.0"));
        console.Write(detection);
        console.Write(Errors("Fiducial errors over matched waves (detected - expert)", result.Fiducials));
        console.Write(Errors("Beat intervals of matched beats (detected - expert)", result.BeatIntervals));
        console.Write(Errors("Record intervals: median beat - experts' median", result.RecordIntervals));
    }

    private static Table Errors(string title, IReadOnlyList<ErrorSummary> errors)
    {
        var table = new Table().Title(title).AddColumns("Measure", "N", "Mean ms", "SD ms");
        foreach (var e in errors) table.AddRow(e.Measure, e.Count.ToString(), e.MeanMs.ToString("0.0"), e.SdMs.ToString("0.0"));
        return table;
    }
}
