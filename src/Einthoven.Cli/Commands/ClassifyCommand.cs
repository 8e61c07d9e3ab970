using System.CommandLine;
using Einthoven.Cli.Batch;
using Einthoven.Models.Analysis;
using Einthoven.Models.Beats;
using Einthoven.Signal.Formats.Wfdb;
using Spectre.Console;

namespace Einthoven.Cli.Commands;

/// <summary>
/// <c>einthoven classify RECORD... -o OUT</c>: detects and classifies every beat and writes a WFDB (MIT format) annotation
/// file with the symbols N, S, V, F and Q; when OUT is a directory (as many records need) the file is OUT/RECORD.cls. The classes are the
/// analysis's: in atrial fibrillation, S beats count as N (<see cref="AfReconciliation"/>).
/// </summary>
public static class ClassifyCommand
{
    public const string Annotator = "cls";

    public static Command Create()
    {
        var command = new Command("classify", "Detect and classify every beat (AAMI N, S, V, F, Q) into a WFDB annotation file");
        var input = new CommonOptions.RecordsInput().AddTo(command);
        var output = new Option<string>("--output", "-o") { Description = "Annotation file to write, or a directory for RECORD.cls (needed for many records)", Required = true };
        var model = ModelOption();
        command.Options.Add(output);
        command.Options.Add(model);
        command.SetAction(r =>
        {
            var records = input.Records(r);
            RecordBatch.RequireDirectoryFor(records.Count, r.GetValue(output)!);
            var analyzer = LoadAnalyzer(r.GetValue(model));
            var console = CliRunner.Console(r);
            return RecordBatch.Run(r, records, path =>
            {
                var record = input.Read(r, path);
                var beats = analyzer.ClassifyBeats(record).Beats;
                var target = RecordBatch.OutputPath(r.GetValue(output)!, record.Info.Name, Annotator, records.Count);
                WfdbAnnotationWriter.Write(target, BeatClassifier.ToAnnotations(beats));
                var counts = string.Join(", ", AamiMapping.Classes.Select(c => $"{c} {beats.Count(b => b.Class == c)}"));
                return $"[green]wrote[/] {Markup.Escape(target)}: {beats.Count} beats ({counts})";
            }, (_, line) => console.MarkupLine(line));
        });
        return command;
    }

    internal static Option<string?> ModelOption() => new("--model")
    {
        Description = "A beat model card (beats.card.json); default: the shipped model",
    };

    /// <summary>The shipped analysis, or one with the beat model of <paramref name="cardPath"/> (and the shipped rhythm model).</summary>
    internal static ModelAnalyzer LoadAnalyzer(string? cardPath) =>
        cardPath is null ? ModelAnalyzer.Shipped : ModelAnalyzer.Load(cardPath);
}
