using System.CommandLine;
using Einthoven.Models.Analysis;
using Einthoven.Models.Beats;
using Einthoven.Signal.Formats.Wfdb;
using Spectre.Console;

namespace Einthoven.Cli.Commands;

/// <summary>
/// <c>einthoven classify RECORD -o OUT</c>: detects and classifies every beat and writes a WFDB (MIT format) annotation
/// file with the symbols N, S, V, F and Q; when OUT is a directory the file is OUT/RECORD.cls. The classes are the
/// analysis's: in atrial fibrillation, S beats count as N (<see cref="AfReconciliation"/>).
/// </summary>
public static class ClassifyCommand
{
    public const string Annotator = "cls";

    public static Command Create()
    {
        var command = new Command("classify", "Detect and classify every beat (AAMI N, S, V, F, Q) into a WFDB annotation file");
        var input = new CommonOptions.RecordInput().AddTo(command);
        var output = new Option<string>("--output", "-o") { Description = "Annotation file to write, or a directory for RECORD.cls", Required = true };
        var model = ModelOption();
        command.Options.Add(output);
        command.Options.Add(model);
        command.SetAction(r =>
        {
            var record = input.Read(r);
            var beats = LoadAnalyzer(r.GetValue(model)).ClassifyBeats(record).Beats;
            var target = OutputPath(r.GetValue(output)!, record.Info.Name);
            var directory = Path.GetDirectoryName(Path.GetFullPath(target));
            if (directory is not null) Directory.CreateDirectory(directory);
            WfdbAnnotationWriter.Write(target, BeatClassifier.ToAnnotations(beats));
            var counts = string.Join(", ", AamiMapping.Classes.Select(c => $"{c} {beats.Count(b => b.Class == c)}"));
            CliRunner.Console(r).MarkupLine($"[green]wrote[/] {Markup.Escape(target)}: {beats.Count} beats ({counts})");
            return CliRunner.ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>OUT itself, or OUT/RECORD.cls when OUT is an existing directory or ends with a separator.</summary>
    public static string OutputPath(string output, string recordName) =>
        Directory.Exists(output) || output.EndsWith(Path.DirectorySeparatorChar) || output.EndsWith(Path.AltDirectorySeparatorChar)
            ? Path.Combine(output, $"{recordName}.{Annotator}")
            : output;

    internal static Option<string?> ModelOption() => new("--model")
    {
        Description = "A beat model card (beats.card.json); default: the shipped model",
    };

    /// <summary>The shipped analysis, or one with the beat model of <paramref name="cardPath"/> (and the shipped rhythm model).</summary>
    internal static ModelAnalyzer LoadAnalyzer(string? cardPath) =>
        cardPath is null ? ModelAnalyzer.Shipped : ModelAnalyzer.Load(cardPath);
}
