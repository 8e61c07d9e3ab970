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
    private const int Window = 1 << 16;

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
            var beats = Detect(reader, r.GetValue(lead));
            var path = OutputPath(r.GetValue(output)!, reader.Info.Name);
            WfdbAnnotationWriter.Write(path, beats.Select(b => new Annotation(b, AnnotationCodes.Normal)));
            CliRunner.Console(r).MarkupLine($"[green]wrote[/] {Markup.Escape(path)}: {beats.Count} beats in {reader.Info.Duration:hh\\:mm\\:ss}");
            return CliRunner.ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Runs the streaming detector over the record window by window, so any length fits in memory.</summary>
    public static List<long> Detect(ISignalReader reader, int lead)
    {
        var info = reader.Info;
        if (lead < 0 || lead >= info.Leads.Count)
            throw new CliUsageException($"{info.Name} has {info.Leads.Count} leads; --lead must be 0..{info.Leads.Count - 1}");
        var gain = info.Leads[lead].Gain > 0 ? info.Leads[lead].Gain : 200;
        var detector = new StreamingQrsDetector(info.SamplingFrequency, gain);
        var beats = new List<long>();
        for (long start = 0; start < info.SampleCount; start += Window)
            detector.Process(reader.Read(start, Window).Samples[lead], beats);
        detector.Flush(beats);
        return beats;
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
