using System.CommandLine;
using System.Text.Json;
using Einthoven.Evaluation.Databases;
using Einthoven.Evaluation.Monitoring;
using Einthoven.Monitoring;
using Spectre.Console;

namespace Einthoven.Cli.Commands;

/// <summary>
/// <c>einthoven eval alerts DBDIR [--chunk-seconds S] [--json]</c>: every record streamed through the live monitoring
/// engine in-process, its alerts scored per kind against the reference annotations (<see cref="AlertEvaluation"/>).
/// </summary>
public static class EvalAlertsCommand
{
    public static Command Create()
    {
        var command = new Command("alerts", "Stream every record of a MIT-BIH style database through the live monitoring engine and score its alerts per kind against the .atr reference (event Se, +P, onset delay)");
        var dir = new Argument<string>("dbdir") { Description = "A MIT-BIH style folder (RECORDS, .hea/.dat/.atr)" };
        var chunk = new Option<double>("--chunk-seconds") { Description = "Seconds of signal per pushed chunk", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        command.Arguments.Add(dir);
        command.Options.Add(chunk);
        command.Options.Add(json);
        command.SetAction(r =>
        {
            var dbdir = r.GetValue(dir)!;
            var records = DatabaseRecords.Read(dbdir);
            var console = CliRunner.Console(r);
            var models = MonitorModels.LoadShipped();
            AlertEvaluationResult Run(Action<int, int>? p) => AlertEvaluation.Run(dbdir, records, MonitorSettings.Default, models, r.GetValue(chunk), 0, p);
            var result = r.GetValue(json) ? Run(null) : EvalProgress.Run(console, "Records streamed", Run);
            if (r.GetValue(json))
            {
                var scores = result.Scores.Select(s => new { Kind = s.Kind.ToString(), s.Reference, s.Found, s.Alerted, s.True, s.Sensitivity, s.PositivePredictivity, s.MedianDelay, s.P95Delay });
                r.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(new { records = records.Count, scores, result.SignalLossAlerts, result.SignalLossSeconds, result.CpuMillisecondsPerSignalSecond }, AnalyzeCommand.Json));
                return CliRunner.ExitCodes.Ok;
            }
            console.Write(ScoreTable(result.Scores, $"Live monitoring alerts, {records.Count} records streamed in {r.GetValue(chunk):0.##} s chunks"));
            console.MarkupLine($"Signal loss: {result.SignalLossAlerts} alerts, {result.SignalLossSeconds:0} s of {result.SignalSeconds:0} s streamed (no reference: the annotations do not mark unreadable signal)");
            console.MarkupLine($"[grey]Matching: overlap with the reference event widened by {AlertScoring.ToleranceSeconds:0} s; delay = detected-at sample - reference start. Process CPU {result.CpuMillisecondsPerSignalSecond:0.000} ms per signal-second (record reading included).[/]");
            return CliRunner.ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Per kind: reference events, found, Se, alerted, true, +P and onset delay (shared with <c>simulate --score</c>).</summary>
    public static Table ScoreTable(IReadOnlyList<AlertKindScore> scores, string title)
    {
        var table = new Table().Title(title).AddColumns("Alert", "Ref", "Found", "Se %", "Alerted", "True", "+P %", "Delay p50 s", "p95 s");
        foreach (var s in scores)
            table.AddRow(Label(s.Kind), s.Reference.ToString(), s.Found.ToString(), Percent(s.Sensitivity), s.Alerted.ToString(), s.True.ToString(),
                Percent(s.PositivePredictivity), Seconds(s.MedianDelay), Seconds(s.P95Delay));
        return table;
    }

    private static string Label(AlertKind kind) => kind switch
    {
        AlertKind.AtrialFibrillation => "AF",
        AlertKind.VentricularTachycardiaRun => "VT run",
        AlertKind.SustainedVentricularTachycardia => "Sustained VT",
        _ => kind.ToString(),
    };

    private static string Percent(double? value) => value is { } v ? (100 * v).ToString("0.0") : "-";

    private static string Seconds(double? value) => value is { } v ? v.ToString("0.0") : "-";
}
