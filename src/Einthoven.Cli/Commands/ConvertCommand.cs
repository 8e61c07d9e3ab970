using System.CommandLine;
using Einthoven.Signal.Formats;
using Spectre.Console;

namespace Einthoven.Cli.Commands;

/// <summary><c>einthoven convert IN OUT [--to FORMAT]</c>: between every supported format.</summary>
public static class ConvertCommand
{
    public static Command Create()
    {
        var command = new Command("convert", "Convert a record between formats (WFDB, EDF/EDF+, CSV); the output format comes from OUT's extension or --to");
        var input = new CommonOptions.RecordInput().AddTo(command);
        var output = new Argument<string>("out") { Description = "Output path (record.hea or a record name for WFDB, .edf, .csv, .scp)" };
        var to = new Option<string?>("--to") { Description = "Output format when OUT's extension does not tell: " + string.Join(", ", RecordFiles.Formats.Select(f => f.Name)) };
        var wfdbFormat = new Option<string?>("--wfdb-format") { Description = "WFDB storage format to write (8, 16, 61, 80, 160, 212, 310, 311, 24, 32)" };
        command.Arguments.Add(output);
        command.Options.Add(to);
        command.Options.Add(wfdbFormat);
        command.SetAction(r =>
        {
            var outPath = r.GetValue(output)!;
            var record = input.Read(r);
            var target = RecordFiles.Resolve(outPath, r.GetValue(to));
            var dir = Path.GetDirectoryName(Path.GetFullPath(outPath));
            if (dir is not null) Directory.CreateDirectory(dir);
            target.Write(record, outPath, new FormatOptions { WfdbFormat = r.GetValue(wfdbFormat) });
            CliRunner.Console(r).MarkupLine(
                $"[green]wrote[/] {Markup.Escape(outPath)} ({target.Name}): {record.Info.Leads.Count} leads, {record.Info.SampleCount} samples, {record.Annotations.Values.Sum(a => a.Count)} annotations");
            return CliRunner.ExitCodes.Ok;
        });
        return command;
    }
}
