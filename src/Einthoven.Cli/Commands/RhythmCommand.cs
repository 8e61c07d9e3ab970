using System.CommandLine;
using System.Globalization;
using Einthoven.Models.Rhythm;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Records;

namespace Einthoven.Cli.Commands;

/// <summary>
/// <c>einthoven rhythm RECORD... [--format csv]</c>: the rhythm class of each record (N normal, A atrial fibrillation,
/// O other rhythm, ~ too noisy) with the shipped model; csv gives CinC-style <c>record,label</c> lines.
/// </summary>
public static class RhythmCommand
{
    public static Command Create()
    {
        var command = new Command("rhythm", "Classify the rhythm of single-lead records: N normal, A atrial fibrillation, O other, ~ noisy");
        var records = new Argument<string[]>("records") { Description = "Record files (any readable format)", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string>("--format") { Description = "text (with probabilities) or csv (record,label)", DefaultValueFactory = _ => "text" };
        var lead = new Option<int>("--lead") { Description = "Lead to classify (index, default 0)", DefaultValueFactory = _ => 0 };
        format.AcceptOnlyFromAmong("text", "csv");
        command.Arguments.Add(records);
        command.Options.Add(format);
        command.Options.Add(lead);
        command.SetAction(r =>
        {
            var classifier = RhythmClassifier.LoadShipped();
            var output = r.InvocationConfiguration.Output;
            var csv = r.GetValue(format) == "csv";
            var failed = false;
            foreach (var path in r.GetValue(records)!)
            {
                EcgRecord record;
                try
                {
                    record = RecordFiles.Read(path);
                }
                catch (Exception e) when (e is SignalFormatException or IOException)
                {
                    r.InvocationConfiguration.Error.WriteLine($"error: {e.Message}");
                    failed = true;
                    continue;
                }
                if (r.GetValue(lead) >= record.Info.Leads.Count)
                    throw new CliUsageException($"{record.Info.Name} has {record.Info.Leads.Count} leads; --lead must be 0..{record.Info.Leads.Count - 1}");
                var prediction = classifier.Classify(record, r.GetValue(lead));
                output.WriteLine(csv ? $"{record.Info.Name},{prediction.Label}" : Describe(record.Info.Name, prediction));
            }
            return failed ? CliRunner.ExitCodes.BadInput : CliRunner.ExitCodes.Ok;
        });
        return command;
    }

    private static string Describe(string name, RhythmPrediction prediction) =>
        $"{name}  {prediction.Label}  " + string.Join(" ", RhythmLabels.All.Select((l, i) =>
            $"{l}={prediction.Probabilities[i].ToString("0.000", CultureInfo.InvariantCulture)}"));
}
