using System.CommandLine;
using Einthoven.Cli.Batch;
using Einthoven.Signal.Formats;
using Spectre.Console;

namespace Einthoven.Cli.Commands;

/// <summary>
/// <c>einthoven convert IN... OUT [--to FORMAT]</c>: between every supported format. Many records (or a directory, or a
/// RECORDS list) go into the directory OUT, one file each in the format --to names, on every core.
/// </summary>
public static class ConvertCommand
{
    public static Command Create()
    {
        var command = new Command("convert", $"Convert records between formats ({string.Join(", ", RecordFiles.Formats.Select(f => f.Name))}); the output format comes from OUT's extension or --to");
        // IN... OUT as one argument: the parser gives every word to the first of two arguments when it takes many.
        var input = new CommonOptions.RecordsInput().AddTo(command);
        input.Paths.Arity = new ArgumentArity(2, ArgumentArity.OneOrMore.MaximumNumberOfValues);
        input.Paths.Description = "Records, directories of records or RECORDS lists, then OUT: the output path (record.hea or a record name for WFDB, or a file with one of: "
                                  + string.Join(" ", RecordFiles.Formats.SelectMany(f => f.Extensions)) + "); for many records, a directory (with --to)";
        var to = new Option<string?>("--to") { Description = "Output format when OUT's extension does not tell: " + string.Join(", ", RecordFiles.Formats.Select(f => f.Name)) };
        var wfdbFormat = new Option<string?>("--wfdb-format") { Description = "WFDB storage format to write (8, 16, 61, 80, 160, 212, 310, 311, 24, 32)" };
        command.Options.Add(to);
        command.Options.Add(wfdbFormat);
        command.SetAction(r =>
        {
            var paths = r.GetValue(input.Paths)!;
            var outPath = paths[^1];
            var records = RecordList.Expand(paths[..^1]);
            if (records.Count > 1 && r.GetValue(to) is null) throw new CliUsageException($"{records.Count} records go into a directory: name their format with --to");
            var target = RecordFiles.Resolve(outPath, r.GetValue(to));
            var console = CliRunner.Console(r);
            return RecordBatch.Run(r, records, path =>
            {
                var record = input.Read(r, path);
                var file = records.Count == 1 ? outPath : Path.Combine(outPath, record.Info.Name + (target.Name == "wfdb" ? "" : target.Extensions[0]));
                var dir = Path.GetDirectoryName(Path.GetFullPath(file));
                if (dir is not null) Directory.CreateDirectory(dir);
                target.Write(record, file, new FormatOptions { WfdbFormat = r.GetValue(wfdbFormat) });
                return $"[green]wrote[/] {Markup.Escape(file)} ({target.Name}): {record.Info.Leads.Count} leads, {record.Info.SampleCount} samples, {record.Annotations.Values.Sum(a => a.Count)} annotations";
            }, (_, line) => console.MarkupLine(line));
        });
        return command;
    }
}
