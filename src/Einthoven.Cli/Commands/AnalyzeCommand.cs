using System.CommandLine;
using System.Text.Json;
using Einthoven.Models.Analysis;
using Spectre.Console;

namespace Einthoven.Cli.Commands;

/// <summary>
/// <c>einthoven analyze RECORD [--json]</c>: rhythm verdict, beats by AAMI class, rate, HRV, intervals, axes, quality and
/// pacing, from the shipped models and the signal library (<see cref="ModelAnalyzer"/>, as the server analyses uploads).
/// </summary>
public static class AnalyzeCommand
{
    /// <summary>The JSON form of <see cref="AnalysisReport"/> (camelCase), shared with the server.</summary>
    public static readonly JsonSerializerOptions Json = new(AnalysisReport.Json) { WriteIndented = true };

    public static Command Create()
    {
        var command = new Command("analyze", "Analyse a record: rhythm, beats by class, heart rate, HRV, PR/QRS/QT/QTc, axes, signal quality, pacing");
        var input = new CommonOptions.RecordInput().AddTo(command);
        var json = new Option<bool>("--json") { Description = "Print the report as JSON" };
        command.Options.Add(json);
        command.SetAction(r =>
        {
            var report = ModelAnalyzer.Shipped.Analyze(input.Read(r)).Report;
            if (r.GetValue(json)) r.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(report, Json));
            else AnalysisPrinter.Print(CliRunner.Console(r), report);
            return CliRunner.ExitCodes.Ok;
        });
        return command;
    }
}
