using System.CommandLine;
using System.Globalization;
using Einthoven.Signal.Records;

namespace Einthoven.Cli.Commands;

/// <summary><c>einthoven annotations RECORD [--ann|-a atr] [--format text|csv]</c>, like WFDB's rdann.</summary>
public static class AnnotationsCommand
{
    public static Command Create()
    {
        var command = new Command("annotations", "List a record's annotations (time, sample, symbol, subtype, channel, number, aux)");
        var input = new CommonOptions.RecordInput().AddTo(command);
        var ann = new Option<string?>("--ann", "-a") { Description = "Annotator (e.g. atr, qrs, ai, edf); default: the record's first" };
        var format = new Option<string>("--format") { Description = "Output: text (rdann-like) or csv", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "csv");
        command.Options.Add(ann);
        command.Options.Add(format);
        command.SetAction(r =>
        {
            using var reader = input.Open(r);
            var annotator = r.GetValue(ann) ?? reader.Annotators.FirstOrDefault()
                ?? throw new CliUsageException($"{reader.Info.Name} has no annotations");
            if (!reader.Annotators.Contains(annotator))
                throw new CliUsageException($"{reader.Info.Name} has no annotator '{annotator}'; it has: {(reader.Annotators.Count == 0 ? "none" : string.Join(", ", reader.Annotators))}");
            var list = reader.ReadAnnotations(annotator);
            var output = r.InvocationConfiguration.Output;
            var fs = reader.Info.SamplingFrequency;
            var csv = r.GetValue(format) == "csv";
            if (csv) output.WriteLine("time_s,sample,symbol,subtype,channel,number,aux");
            foreach (var a in list)
                output.WriteLine(csv ? CsvLine(a, fs) : TextLine(a, fs));
            return CliRunner.ExitCodes.Ok;
        });
        return command;
    }

    private static string CsvLine(Annotation a, double fs)
    {
        var aux = a.Aux is null ? "" : "\"" + a.Aux.Replace("\"", "\"\"") + "\"";
        var symbol = a.Symbol is "\"" or "," ? "\"" + a.Symbol.Replace("\"", "\"\"") + "\"" : a.Symbol;
        return string.Create(CultureInfo.InvariantCulture, $"{a.Sample / fs:0.000},{a.Sample},{symbol},{a.Subtype},{a.Channel},{a.Number},{aux}");
    }

    private static string TextLine(Annotation a, double fs)
    {
        var t = TimeSpan.FromSeconds(a.Sample / fs);
        var time = t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss\.fff") : t.ToString(@"m\:ss\.fff");
        return string.Create(CultureInfo.InvariantCulture, $"{time,12} {a.Sample,9} {a.Symbol,5} {a.Subtype,5} {a.Channel,4} {a.Number,4}\t{a.Aux}");
    }
}
