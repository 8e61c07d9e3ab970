using System.CommandLine;
using System.Text.Json;
using Einthoven.Cli.Batch;
using Einthoven.Models.Analysis;
using Spectre.Console;

namespace Einthoven.Cli.Commands;

/// <summary>
/// <c>einthoven analyze RECORD... [--json]</c>: rhythm verdict, beats by AAMI class, rate, HRV, intervals, axes, quality and
/// pacing, from the shipped models and the signal library (<see cref="ModelAnalyzer"/>, as the server analyses uploads). Many records give one report each (with --json, an array).
/// </summary>
public static class AnalyzeCommand
{
    /// <summary>The JSON form of <see cref="AnalysisReport"/> (camelCase), shared with the server.</summary>
    public static readonly JsonSerializerOptions Json = new(AnalysisReport.Json) { WriteIndented = true };

    public static Command Create()
    {
        var command = new Command("analyze", "Analyse a record: rhythm, beats by class, heart rate, HRV, PR/QRS/QT/QTc, axes, signal quality, pacing");
        var input = new CommonOptions.RecordsInput().AddTo(command);
        var json = new Option<bool>("--json") { Description = "Print the report as JSON (an array of reports for many records)" };
        command.Options.Add(json);
        command.SetAction(r =>
        {
            var records = input.Records(r);
            var console = CliRunner.Console(r);
            var reports = new List<AnalysisReport>();
            var code = RecordBatch.Run(r, records, path => ModelAnalyzer.Shipped.Analyze(input.Read(r, path)).Report, (_, report) =>
            {
                if (!r.GetValue(json)) AnalysisPrinter.Print(console, report);
                else reports.Add(report);
            });
            if (r.GetValue(json) && reports.Count > 0)
                r.InvocationConfiguration.Output.WriteLine(records.Count == 1 ? JsonSerializer.Serialize(reports[0], Json) : JsonSerializer.Serialize(reports, Json));
            return code;
        });
        return command;
    }
}
