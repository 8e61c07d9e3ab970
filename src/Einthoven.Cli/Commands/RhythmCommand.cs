using System.CommandLine;
using System.Globalization;
using Einthoven.Cli.Batch;
using Einthoven.Models.Rhythm;

namespace Einthoven.Cli.Commands;

/// <summary>
/// <c>einthoven rhythm RECORD... [--format csv]</c>: the rhythm class of each record (N normal, A atrial fibrillation,
/// O other rhythm, ~ too noisy) with the shipped model; csv gives CinC-style <c>record,label</c> lines. Records may be
/// directories or RECORDS lists; many run on every core (one classifier per thread).
/// </summary>
public static class RhythmCommand
{
    public static Command Create()
    {
        var command = new Command("rhythm", "Classify the rhythm of single-lead records: N normal, A atrial fibrillation, O other, ~ noisy");
        var input = new CommonOptions.RecordsInput();
        input.Paths.Description = "Record files (any readable format), directories of records, or RECORDS lists";
        input.AddTo(command);
        var format = new Option<string>("--format") { Description = "text (with probabilities) or csv (record,label)", DefaultValueFactory = _ => "text" };
        var lead = new Option<int>("--lead") { Description = "Lead to classify (index, default 0)", DefaultValueFactory = _ => 0 };
        format.AcceptOnlyFromAmong("text", "csv");
        command.Options.Add(format);
        command.Options.Add(lead);
        command.SetAction(r =>
        {
            using var classifiers = new ThreadLocal<RhythmClassifier>(RhythmClassifier.LoadShipped);
            var output = r.InvocationConfiguration.Output;
            var csv = r.GetValue(format) == "csv";
            return RecordBatch.Run(r, input.Records(r), path =>
            {
                var record = input.Read(r, path);
                if (r.GetValue(lead) >= record.Info.Leads.Count)
                    throw new CliUsageException($"{record.Info.Name} has {record.Info.Leads.Count} leads; --lead must be 0..{record.Info.Leads.Count - 1}");
                var prediction = classifiers.Value!.Classify(record, r.GetValue(lead));
                return csv ? $"{record.Info.Name},{prediction.Label}" : Describe(record.Info.Name, prediction);
            }, (_, line) => output.WriteLine(line));
        });
        return command;
    }

    private static string Describe(string name, RhythmPrediction prediction) =>
        $"{name}  {prediction.Label}  " + string.Join(" ", RhythmLabels.All.Select((l, i) =>
            $"{l}={prediction.Probabilities[i].ToString("0.000", CultureInfo.InvariantCulture)}"));
}
