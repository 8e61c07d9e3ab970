using System.CommandLine;
using Einthoven.Cli.Batch;
using Einthoven.Signal.Analysis.Detection;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Formats.Wfdb;
using Einthoven.Signal.Records;
using Spectre.Console;

namespace Einthoven.Cli.Commands;

/// <summary>
/// <c>einthoven detect RECORD... -o OUT [--lead N]</c>: QRS detection written as a WFDB annotation file with one 'N'
/// per beat, as WFDB's gqrs does. A directory OUT gets <c>RECORD.qrs</c> (so do many records, on every core). Shared
/// with the native front binary (src/Einthoven.Cli.Native): signal library only.
/// </summary>
public static class DetectCommand
{
    public const string Annotator = "qrs";

    public static Command Create()
    {
        var command = new Command("detect", "Detect QRS complexes and write them as a WFDB annotation file (one 'N' per beat)");
        var input = new CommonOptions.RecordsInput().AddTo(command);
        var output = new Option<string>("--output", "-o") { Description = "Annotation file to write, or a directory to get RECORD.qrs (needed for many records)", Required = true };
        var lead = new Option<int>("--lead") { Description = "Lead to detect on (index, default 0)", DefaultValueFactory = _ => 0 };
        command.Options.Add(output);
        command.Options.Add(lead);
        command.SetAction(r =>
        {
            var records = input.Records(r);
            RecordBatch.RequireDirectoryFor(records.Count, r.GetValue(output)!);
            var console = CliRunner.Console(r);
            return RecordBatch.Run(r, records, path =>
            {
                using var reader = input.Open(r, path);
                var leads = reader.Info.Leads.Count;
                if (r.GetValue(lead) is < 0 || r.GetValue(lead) >= leads)
                    throw new CliUsageException($"{reader.Info.Name} has {leads} leads; --lead must be 0..{leads - 1}");
                var beats = QrsDetector.Detect(reader, r.GetValue(lead));
                var target = RecordBatch.OutputPath(r.GetValue(output)!, reader.Info.Name, Annotator, records.Count);
                WfdbAnnotationWriter.Write(target, beats.Select(b => new Annotation(b, AnnotationCodes.Normal)));
                return $"[green]wrote[/] {Markup.Escape(target)}: {beats.Length} beats in {reader.Info.Duration:hh\\:mm\\:ss}";
            }, (_, line) => console.MarkupLine(line));
        });
        return command;
    }
}
