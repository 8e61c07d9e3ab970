using System.CommandLine;
using Einthoven.Cli.Batch;
using Einthoven.Cli.Plotting;
using Spectre.Console;

namespace Einthoven.Cli.Commands;

/// <summary>
/// <c>einthoven plot RECORD... --from S --to S -o FILE.svg|png [--speed 25|50] [--gain 5|10|20] [--leads I,II]</c>; many
/// records (or a directory, or a RECORDS list) need -o DIR/ and get DIR/RECORD.svg (or .png with --image png).
/// </summary>
public static class PlotCommand
{
    public static Command Create()
    {
        var command = new Command("plot", "Draw a record on ECG paper (1 mm / 5 mm grid, calibration pulse, beat marks) as SVG or PNG");
        var input = new CommonOptions.RecordsInput().AddTo(command);
        var from = new Option<double>("--from") { Description = "Start, seconds from the record's start", DefaultValueFactory = _ => 0 };
        var to = new Option<double?>("--to") { Description = "End in seconds (default: 10 s after --from)" };
        var output = new Option<string>("--output", "-o") { Description = "Output file: .svg or .png; or a directory (needed for many records) for RECORD.svg", Required = true };
        var image = new Option<string>("--image") { Description = "Image format of the files written into a directory -o", DefaultValueFactory = _ => "svg" };
        image.AcceptOnlyFromAmong("svg", "png");
        var speed = new Option<int>("--speed") { Description = "Paper speed, mm/s", DefaultValueFactory = _ => 25 };
        speed.AcceptOnlyFromAmong("25", "50");
        var gain = new Option<int>("--gain") { Description = "Gain, mm/mV", DefaultValueFactory = _ => 10 };
        gain.AcceptOnlyFromAmong("5", "10", "20");
        var leads = new Option<string?>("--leads") { Description = "Comma-separated lead names (default: all)" };
        foreach (var o in new Option[] { from, to, output, image, speed, gain, leads }) command.Options.Add(o);
        command.SetAction(r =>
        {
            var records = input.Records(r);
            RecordBatch.RequireDirectoryFor(records.Count, r.GetValue(output)!);
            var start = r.GetValue(from);
            var options = new EcgPlotOptions(start, r.GetValue(to) ?? start + 10, r.GetValue(speed), r.GetValue(gain),
                r.GetValue(leads)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            if (options.ToSeconds <= options.FromSeconds) throw new CliUsageException($"--to ({options.ToSeconds}) must be after --from ({options.FromSeconds})");
            var console = CliRunner.Console(r);
            return RecordBatch.Run(r, records, recordPath =>
            {
                var record = input.Read(r, recordPath);
                var path = RecordBatch.OutputPath(r.GetValue(output)!, record.Info.Name, r.GetValue(image)!, records.Count);
                var ext = Path.GetExtension(path).ToLowerInvariant();
                if (ext is not (".svg" or ".png")) throw new CliUsageException($"cannot tell the image format from '{path}': use .svg or .png");
                var scene = EcgPlotBuilder.Build(record, options);
                if (ext == ".svg") File.WriteAllText(path, SvgRenderer.Render(scene));
                else File.WriteAllBytes(path, PngRenderer.Render(scene));
                return $"[green]wrote[/] {Markup.Escape(path)} ({scene.WidthMm:0} x {scene.HeightMm:0} mm)";
            }, (_, line) => console.MarkupLine(line));
        });
        return command;
    }
}
