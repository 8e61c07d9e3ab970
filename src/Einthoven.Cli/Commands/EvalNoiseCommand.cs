using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Einthoven.Evaluation.Noise;
using Einthoven.Evaluation.Qrs;
using Spectre.Console;

namespace Einthoven.Cli.Commands;

/// <summary>
/// <c>einthoven eval noise DBDIR [--snr 24,18,12,6,0,-6] [--noise em,ma,bw] [--records 118,119] [--json]</c>: the
/// NSTDB-style noise stress test (<see cref="NoiseStressProtocol"/>) with synthesised noise (<see cref="StressNoise"/>).
/// </summary>
public static class EvalNoiseCommand
{
    public static Command Create()
    {
        var command = new Command("noise", "Noise stress test as NSTDB: noise from minute 5 in alternating 2-min blocks; QRS Se/+P over the whole record, the noisy blocks and the readable segments");
        var db = new Argument<string>("dbdir") { Description = "MIT-BIH folder with a RECORDS list (e.g. shared/data/mitdb)" };
        var snr = new Option<string>("--snr") { Description = "Comma-separated SNRs in dB", DefaultValueFactory = _ => "24,18,12,6,0,-6" };
        var noise = new Option<string>("--noise") { Description = "Comma-separated noise kinds: em (electrode motion), ma (muscle), bw (baseline wander), pl (powerline), ck (cable knocks)", DefaultValueFactory = _ => "em,ma,bw" };
        var records = new Option<string>("--records") { Description = "Comma-separated clean records", DefaultValueFactory = _ => "118,119" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        command.Arguments.Add(db);
        command.Options.Add(snr);
        command.Options.Add(noise);
        command.Options.Add(records);
        command.Options.Add(json);
        command.SetAction(r =>
        {
            var dir = r.GetValue(db)!;
            var names = EvalQrsCommand.RecordNames(dir, r.GetValue(records));
            var snrs = Snrs(r.GetValue(snr)!);
            var kinds = Kinds(r.GetValue(noise)!);
            var console = CliRunner.Console(r);
            var runs = r.GetValue(json) ? Run(dir, names, kinds, snrs, (_, _) => { })
                : EvalProgress.Run(console, "Noise stress test", p => Run(dir, names, kinds, snrs, p));
            var report = NoiseReport.Of(runs);
            if (r.GetValue(json))
                r.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
            else
                Print(console, report);
            return CliRunner.ExitCodes.Ok;
        });
        return command;
    }

    private static List<NoiseRun> Run(string dir, IReadOnlyList<string> names, IReadOnlyList<NoiseKind> kinds, IReadOnlyList<double> snrs, Action<int, int> progress)
    {
        var runs = new List<NoiseRun>();
        var total = names.Count * kinds.Count * snrs.Count;
        foreach (var name in names)
            foreach (var run in NoiseStressEvaluation.Evaluate(dir, name, kinds, snrs))
            {
                runs.Add(run);
                progress(runs.Count, total);
            }
        return runs;
    }

    private static IReadOnlyList<double> Snrs(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s =>
            double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && Math.Abs(v) <= 60 ? v
                : throw new CliUsageException($"--snr: '{s}' is not an SNR in dB between -60 and 60")).ToList() is { Count: > 0 } list ? list
            : throw new CliUsageException("--snr: give at least one SNR");

    private static IReadOnlyList<NoiseKind> Kinds(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s =>
            StressNoise.Codes.TryGetValue(s, out var k) ? k
                : throw new CliUsageException($"--noise: '{s}' is not one of {string.Join(", ", StressNoise.Codes.Keys)}")).Distinct().ToList() is { Count: > 0 } list ? list
            : throw new CliUsageException("--noise: give at least one noise kind");

    private static void Print(IAnsiConsole console, NoiseReport report)
    {
        var table = new Table().Title($"Noise stress test, records {Markup.Escape(string.Join(", ", report.Records))} (first lead, 150 ms window)")
            .AddColumns("Noise", "SNR dB", "Whole Se %", "Whole +P %", "Noisy Se %", "Noisy +P %", "Readable Se %", "Readable +P %",
                "Noisy time inconcl. %", "Clean time inconcl. %");
        foreach (var row in report.Rows)
            table.AddRow(row.Noise, row.SnrDb.ToString("0.#", CultureInfo.InvariantCulture),
                Percent(row.Whole.Sensitivity), Percent(row.Whole.PositivePredictivity), Percent(row.Noisy.Sensitivity), Percent(row.Noisy.PositivePredictivity),
                Percent(row.Readable.Sensitivity), Percent(row.Readable.PositivePredictivity), Percent(row.NoisyInconclusive), Percent(row.CleanInconclusive));
        console.Write(table);
    }

    private static string Percent(double v) => (100 * v).ToString("0.00", CultureInfo.InvariantCulture);
}
