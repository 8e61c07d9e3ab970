using System.CommandLine;
using Einthoven.Signal.Analysis.Detection;
using Einthoven.Signal.Formats;
using Einthoven.Signal.Formats.Wfdb;
using Einthoven.Signal.Records;
using Spectre.Console;

namespace Einthoven.Cli.Commands;

/// <summary>
/// <c>einthoven detect RECORD -o OUT [--lead N]</c>: QRS detection written as a WFDB annotation file with one 'N'
/// per beat, as WFDB's gqrs does. A directory OUT gets <c>RECORD.qrs</c>.
/// </summary>
public static class DetectCommand
{
    public static Command Create()
    {
        var command = new Command("detect", "Detect QRS complexes and write them as a WFDB annotation file (one 'N' per beat)");
        var input = new CommonOptions.RecordInput().AddTo(command);
        var output = new Option<string>("--output", "-o") { Description = "Annotation file to write, or a directory to get RECORD.qrs", Required = true };
        var lead = new Option<int>("--lead") { Description = "Lead to detect on (index, default 0)", DefaultValueFactory = _ => 0 };
        command.Options.Add(output);
        command.Options.Add(lead);
        command.SetAction(r =>
        {
            using var reader = input.Open(r);
            var leads = reader.Info.Leads.Count;
            if (r.GetValue(lead) is < 0 || r.GetValue(lead) >= leads)
                throw new CliUsageException($"{reader.Info.Name} has {leads} leads; --lead must be 0..{leads - 1}");
            var beats = QrsDetector.Detect(reader, r.GetValue(lead));
            var path = OutputPath(r.GetValue(output)!, reader.Info.Name);
            WfdbAnnotationWriter.Write(path, beats.Select(b => new Annotation(b, AnnotationCodes.Normal)));
            CliRunner.Console(r).MarkupLine($"[green]wrote[/] {Markup.Escape(path)}: {beats.Length} beats in {reader.Info.Duration:hh\\:mm\\:ss}");
            return CliRunner.ExitCodes.Ok;
        });
        return command;
    }

    private static string OutputPath(string output, string record)
    {
        if (Directory.Exists(output) || output.EndsWith(Path.DirectorySeparatorChar) || output.EndsWith(Path.AltDirectorySeparatorChar))
        {
            Directory.CreateDirectory(output);
            return Path.Combine(output, record + ".qrs");
        }
        var dir = Path.GetDirectoryName(Path.GetFullPath(output));
        if (dir is not null) Directory.CreateDirectory(dir);
        return output;
    }
}
