using System.CommandLine;
using System.Text.Json;
using Einthoven.Evaluation.Digitization;
using Einthoven.Imaging.Degradation;
using Einthoven.Imaging.Paper;
using Einthoven.Models.Analysis;
using Spectre.Console;

namespace Einthoven.Cli.Commands;

/// <summary>
/// <c>einthoven eval digitize PTBXLDIR</c>: PTB-XL fold-9 records printed, degraded, digitised and scored with the
/// CinC 2024 SNR per degradation level, with the analysis of each digitised record against the record's (<see cref="DigitizationEvaluation"/>).
/// </summary>
public static class EvalDigitizeCommand
{
    private static readonly Dictionary<string, PaperLayout?> Layouts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["3x4"] = PaperLayout.ThreeByFour, ["6x2"] = PaperLayout.SixByTwo, ["12x1"] = PaperLayout.TwelveByOne, ["mixed"] = null,
    };

    public static Command Create()
    {
        var command = new Command("digitize", "Print PTB-XL fold-9 records on ECG paper, degrade them (clean, scan, phone), digitise them and report the CinC 2024 SNR (dB) per level, failures, confidence, time per image, and the rhythm and intervals of the digitised records against the records'");
        var dir = new Argument<string>("ptbxldir") { Description = "PTB-XL folder (with ptbxl_database.csv and records100/)" };
        var records = new Option<int>("--records") { Description = "How many fold-9 records, in index order", DefaultValueFactory = _ => 100 };
        var levels = new Option<string>("--levels") { Description = "Degradation levels, comma-separated: clean, scan, phone", DefaultValueFactory = _ => "clean,scan,phone" };
        var layout = new Option<string>("--layout") { Description = "3x4 (with a lead II rhythm strip), 6x2, 12x1, or mixed (drawn per record from the seed)", DefaultValueFactory = _ => "3x4" };
        var pxPerMm = new Option<double>("--px-per-mm") { Description = "Resolution of the printed page (4 is about 100 dpi)", DefaultValueFactory = _ => 4 };
        var seed = new Option<int>("--seed") { Description = "Seed of the grid colours, the mixed layouts and the degradations", DefaultValueFactory = _ => 29 };
        var noAnalysis = new Option<bool>("--no-analysis") { Description = "Skip the analysis of the records and of the digitised records (SNR only, faster)" };
        var json = new Option<bool>("--json") { Description = "Print JSON (the summaries and every image's per-lead SNR) instead of tables" };
        command.Arguments.Add(dir);
        foreach (var o in new Option[] { records, levels, layout, pxPerMm, seed, noAnalysis, json }) command.Options.Add(o);
        command.SetAction(r =>
        {
            if (r.GetValue(records) < 1) throw new CliUsageException($"--records must be at least 1, not {r.GetValue(records)}");
            if (r.GetValue(pxPerMm) is var px && !(px is >= 2 and <= 24)) throw new CliUsageException($"--px-per-mm must be between 2 and 24, not {px}");
            if (!Layouts.TryGetValue(r.GetValue(layout)!, out var paperLayout))
                throw new CliUsageException($"unknown --layout '{r.GetValue(layout)}'; known: {string.Join(", ", Layouts.Keys)}");
            var chosen = ParseLevels(r.GetValue(levels)!);
            var entries = DigitizationEvaluation.Records(r.GetValue(dir)!, r.GetValue(records));
            if (entries.Count == 0) throw new CliUsageException($"no fold-{DigitizationEvaluation.Fold} records with waveforms under {r.GetValue(dir)}");
            var setup = new PaperSetup(paperLayout, px, r.GetValue(seed));
            var analyzer = r.GetValue(noAnalysis) ? null : ModelAnalyzer.Shipped;
            var console = CliRunner.Console(r);
            var result = r.GetValue(json) ? DigitizationEvaluation.Run(entries, chosen, setup, analyzer)
                : EvalProgress.Run(console, "Digitising PTB-XL fold 9", p => DigitizationEvaluation.Run(entries, chosen, setup, analyzer, p));
            if (r.GetValue(json))
            {
                r.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(new
                {
                    records = entries.Count, layout = r.GetValue(layout), pxPerMm = px, seed = r.GetValue(seed),
                    levels = result.Levels, images = result.Images,
                }, AnalyzeCommand.Json));
                return CliRunner.ExitCodes.Ok;
            }
            Write(console, result, entries.Count, r.GetValue(layout)!, px);
            return CliRunner.ExitCodes.Ok;
        });
        return command;
    }

    private static DegradationOptions[] ParseLevels(string text)
    {
        var names = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0) throw new CliUsageException("--levels is empty; give one or more of clean, scan, phone");
        try { return names.Distinct(StringComparer.OrdinalIgnoreCase).Select(DegradationOptions.Named).ToArray(); }
        catch (ArgumentException e) { throw new CliUsageException(e.Message.Split(" (Parameter")[0]); }
    }

    private static void Write(IAnsiConsole console, DigitizationResult result, int records, string layout, double px)
    {
        var snr = new Table().Title(Markup.Escape($"CinC 2024 SNR of {records} PTB-XL fold-9 records, layout {layout}, {px:0.##} px/mm"))
            .AddColumns("Level", "Images", "Failures", "Mean SNR dB", "Median SNR dB", "Mean confidence", "s / image", "Slowest s");
        foreach (var l in result.Levels)
            snr.AddRow(l.Level, l.Images.ToString(), Failures(l), Db(l.MeanSnrDb), Db(l.MedianSnrDb), l.MeanConfidence?.ToString("0.00") ?? "-",
                l.MeanSeconds.ToString("0.00"), l.MaxSeconds.ToString("0.00"));
        console.Write(snr);
        console.MarkupLine("[grey]SNR per lead over its printed samples after the challenge's alignment (≤ 0.5 s, ≤ 1 mV), averaged over every (record, lead); failed images drop out of the mean as in the challenge and are counted apart. Time is the digitiser's alone.[/]");
        if (result.Levels.All(l => l.Agreement is null)) return;
        var agreement = new Table().Title("Analysis of the digitised record against the record's")
            .AddColumns("Level", "Compared", "Rhythm same %", "Heart rate", "PR", "QRS", "QT");
        foreach (var l in result.Levels.Where(l => l.Agreement is not null))
        foreach (var (what, a) in new[] { ("as returned", l.Agreement!), ("full-length leads", l.FullLengthAgreement!) })
            agreement.AddRow([$"{l.Level}, {what}", a.Compared.ToString(), (100 * a.RhythmAgreement).ToString("0.0"), .. a.Measurements.Select(Cell)]);
        console.Write(agreement);
        console.MarkupLine("[grey]Each measurement: mean absolute difference where both analyses report it (n both / original only / digitised only). \"As returned\": the digitised record, zeros outside each lead's printed span, against the whole record; \"full-length leads\": only the leads printed for the whole 10 s (lead II's strip in 3x4, none in 6x2), against the same leads of the record.[/]");
    }

    private static string Failures(LevelSummary l) =>
        l.FailureCount == 0 ? "0" : $"{l.FailureCount} ({string.Join(", ", l.Failures.Select(f => $"{f.Key} {f.Value}"))})";

    private static string Db(double v) => double.IsNaN(v) ? "-" : v.ToString("0.00");

    private static string Cell(MeasurementAgreement m) =>
        $"{(double.IsNaN(m.MeanAbsoluteDifference) ? "-" : m.MeanAbsoluteDifference.ToString("0.0"))} {m.Unit} ({m.Both}/{m.OriginalOnly}/{m.DigitizedOnly})";
}
