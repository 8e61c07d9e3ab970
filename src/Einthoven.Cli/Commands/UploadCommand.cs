using System.CommandLine;
using System.Globalization;
using Einthoven.Cli.Client;

namespace Einthoven.Cli.Commands;

/// <summary><c>einthoven upload FILES...</c>: a WFDB record (.hea .dat [.atr]), a zip of one, an EDF or CSV file.</summary>
public static class UploadCommand
{
    public static Command Create(ServerConnection? connection = null)
    {
        connection ??= new ServerConnection();
        var command = new Command("upload", "Upload a recording to the server; its analysis starts there");
        connection.AddTo(command);
        var files = new Argument<string[]>("files") { Description = "The record's files: x.hea x.dat [x.atr], x.zip, x.edf or x.csv", Arity = ArgumentArity.OneOrMore };
        var fs = CommonOptions.SamplingRate();
        var unit = CommonOptions.Unit();
        var format = new Option<string?>("--format-in") { Description = "Input format when the extension does not tell (wfdb, edf, csv)" };
        command.Arguments.Add(files);
        command.Options.Add(fs);
        command.Options.Add(unit);
        command.Options.Add(format);
        command.SetAction(async r =>
        {
            var paths = ExpandRecord(r.GetValue(files)!);
            var fields = new Dictionary<string, string>();
            if (r.GetValue(fs) is { } rate) fields["samplingFrequency"] = rate.ToString(CultureInfo.InvariantCulture);
            if (r.GetValue(unit) is { } u) fields["unit"] = u;
            if (r.GetValue(format) is { } f) fields["format"] = f;
            var result = await connection.Connect(r).UploadAsync(paths, fields);
            var recording = result.GetProperty("recording");
            r.InvocationConfiguration.Output.WriteLine(
                $"uploaded {recording.GetProperty("name").GetString()} as {recording.GetProperty("id").GetGuid()} " +
                $"({recording.GetProperty("leadCount").GetInt32()} leads, {recording.GetProperty("durationSeconds").GetDouble():0.#} s); " +
                $"analysis {result.GetProperty("analysis").GetProperty("state")}");
            return CliRunner.ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>A WFDB record given by name (…/mitdb/100) or by header brings its .dat and .atr along.</summary>
    internal static List<string> ExpandRecord(IEnumerable<string> given)
    {
        var result = new List<string>();
        foreach (var path in given)
        {
            var header = path.EndsWith(".hea", StringComparison.OrdinalIgnoreCase) ? path : File.Exists(path + ".hea") ? path + ".hea" : null;
            if (header is null)
            {
                if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such file");
                result.Add(path);
                continue;
            }
            var stem = header[..^4];
            result.AddRange(new[] { ".hea", ".dat", ".atr" }.Select(ext => stem + ext).Where(File.Exists));
        }
        return result.Distinct().ToList();
    }
}
