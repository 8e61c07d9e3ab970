using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using Einthoven.Signal.Analysis;
using Spectre.Console;

namespace Einthoven.Cli.Commands;

/// <summary><c>einthoven analyze RECORD [--json]</c>: rate, HRV, intervals, axes, quality, pacing and beat counts.</summary>
public static class AnalyzeCommand
{
    /// <summary>The JSON form of <see cref="AnalysisReport"/> (camelCase), shared with the server.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static Command Create()
    {
        var command = new Command("analyze", "Analyse a record: heart rate, HRV, PR/QRS/QT/QTc, axes, signal quality, pacing, beat counts");
        var input = new CommonOptions.RecordInput().AddTo(command);
        var json = new Option<bool>("--json") { Description = "Print the report as JSON" };
        command.Options.Add(json);
        command.SetAction(r =>
        {
            var report = RecordAnalyzer.Analyze(input.Read(r));
            if (r.GetValue(json)) r.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(report, Json));
            else AnalysisPrinter.Print(CliRunner.Console(r), report);
            return CliRunner.ExitCodes.Ok;
        });
        return command;
    }
}
