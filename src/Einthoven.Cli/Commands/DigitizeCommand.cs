using System.CommandLine;
using System.Globalization;
using Einthoven.Imaging;
using Einthoven.Imaging.Digitizing;
using Einthoven.Signal.Formats;
using Spectre.Console;

namespace Einthoven.Cli.Commands;

/// <summary>
/// <c>einthoven digitize IMAGE -o RECORD [--rate HZ] [--overlay PNG]</c>: a photo or scan of a printed 12-lead ECG
/// (PNG or JPEG) back into a record, written in the format RECORD's extension names (as <c>convert</c> does), with the
/// layout and each lead's confidence printed; an image that cannot be digitised exits 2 with what is wrong and how to
/// retake it.
/// </summary>
public static class DigitizeCommand
{
    public static Command Create()
    {
        var command = new Command("digitize", "Turn a photo or scan of a printed 12-lead ECG (PNG or JPEG) back into a record");
        var image = new Argument<string>("image") { Description = "The photo or scan (.png, .jpg, .jpeg)" };
        var output = new Option<string>("--output", "-o")
        {
            Description = "The record to write (record.hea or a record name for WFDB, or a file with one of: " + string.Join(" ", RecordFiles.Formats.SelectMany(f => f.Extensions)) + ")",
            Required = true,
        };
        var rate = new Option<double>("--rate") { Description = "Samples per second of the record (50 to 2000)", DefaultValueFactory = _ => 500 };
        var overlay = new Option<string?>("--overlay") { Description = "Also write the photo with the grid and traces found drawn on it (.png or .jpg)" };
        command.Arguments.Add(image);
        command.Options.Add(output);
        command.Options.Add(rate);
        command.Options.Add(overlay);
        command.SetAction(r =>
        {
            var (imagePath, outPath, hz, overlayPath) = (r.GetValue(image)!, r.GetValue(output)!, r.GetValue(rate), r.GetValue(overlay));
            if (hz is < 50 or > 2000) throw new CliUsageException($"--rate {hz.ToString(CultureInfo.InvariantCulture)}: the rate must be 50 to 2000 Hz");
            var target = RecordFiles.Resolve(outPath, null);
            if (overlayPath is not null && Path.GetExtension(overlayPath).ToLowerInvariant() is not (".png" or ".jpg" or ".jpeg"))
                throw new CliUsageException($"--overlay {overlayPath}: the overlay is written as .png, .jpg or .jpeg");
            var (photo, _) = PhotoDecoder.Read(imagePath);
            using (photo)
            {
                DigitizedEcg ecg;
                try
                {
                    ecg = PaperDigitizer.Digitize(photo, new DigitizeOptions { SamplingRate = hz, RecordName = Path.GetFileNameWithoutExtension(outPath) });
                }
                catch (DigitizeException e)
                {
                    r.InvocationConfiguration.Error.WriteLine($"error: {imagePath}: {e.Message} ({e.Problem})");
                    r.InvocationConfiguration.Error.WriteLine($"advice: {e.Advice}");
                    return CliRunner.ExitCodes.BadInput;
                }
                var dir = Path.GetDirectoryName(Path.GetFullPath(outPath));
                if (dir is not null) Directory.CreateDirectory(dir);
                target.Write(ecg.Record, outPath, new FormatOptions());
                if (overlayPath is not null)
                {
                    using var painted = OverlayPainter.Paint(photo, ecg);
                    PaperImages.Save(painted, overlayPath);
                }
                Print(CliRunner.Console(r), ecg, outPath, target.Name, overlayPath);
            }
            return CliRunner.ExitCodes.Ok;
        });
        return command;
    }

    private static void Print(IAnsiConsole console, DigitizedEcg ecg, string outPath, string format, string? overlayPath)
    {
        var l = ecg.Layout;
        console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"layout {l.Layout}: {l.PxPerMm:0.##} px/mm, {l.MmPerSecond:0.#} mm/s, {l.MmPerMv:0.#} mm/mV, calibration pulse {(l.CalibrationPulseFound ? "found" : "not found")}")));
        var table = new Table().AddColumns("Lead", "From (s)", "Length (s)", "Confidence %");
        foreach (var lead in ecg.Leads)
            table.AddRow(Markup.Escape(lead.Lead), F(lead.StartSeconds, "0.00"), F(lead.DurationSeconds, "0.00"), F(lead.Confidence * 100, "0"));
        console.Write(table);
        console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"confidence {ecg.Confidence * 100:0} % (the weakest lead)")));
        console.MarkupLine($"[green]wrote[/] {Markup.Escape(outPath)} ({format}): {ecg.Record.Info.Leads.Count} leads, {ecg.Record.Info.SampleCount} samples at {ecg.Record.Info.SamplingFrequency.ToString(CultureInfo.InvariantCulture)} Hz");
        if (overlayPath is not null) console.MarkupLine($"[green]wrote[/] {Markup.Escape(overlayPath)} (the photo with what was found drawn on it)");
    }

    private static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);
}
