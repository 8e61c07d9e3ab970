using System.CommandLine;
using Einthoven.Cli.Client;
using Einthoven.Signal.Formats;

namespace Einthoven.Cli.Commands;

/// <summary><c>einthoven download ID [OUT] [--format original|FORMAT]</c>.</summary>
public static class DownloadCommand
{
    public static Command Create(ServerConnection? connection = null)
    {
        connection ??= new ServerConnection();
        var command = new Command("download", "Download a recording in its original format or another one (a WFDB record comes as a zip)");
        connection.AddTo(command);
        var id = new Argument<Guid>("id") { Description = "The recording's id (see einthoven recordings)" };
        var output = new Argument<string?>("out") { Description = "Output file or folder (default: the server's file name in the current folder)", Arity = ArgumentArity.ZeroOrOne };
        var format = new Option<string?>("--format") { Description = "original (default), " + string.Join(", ", RecordFiles.Formats.Select(f => f.Name)) };
        command.Arguments.Add(id);
        command.Arguments.Add(output);
        command.Options.Add(format);
        command.SetAction(async r =>
        {
            var client = connection.Connect(r);
            var temp = Path.GetTempFileName();
            try
            {
                string? suggested;
                await using (var file = File.Create(temp))
                    suggested = await client.DownloadAsync(r.GetValue(id), r.GetValue(format), file);
                var name = Path.GetFileName(suggested) is { Length: > 0 } s ? s : $"{r.GetValue(id)}.bin";
                var target = r.GetValue(output) is { } o ? (Directory.Exists(o) ? Path.Combine(o, name) : o) : name;
                File.Move(temp, target, overwrite: true);
                r.InvocationConfiguration.Output.WriteLine($"wrote {target} ({new FileInfo(target).Length:N0} bytes)");
            }
            finally
            {
                File.Delete(temp);
            }
            return CliRunner.ExitCodes.Ok;
        });
        return command;
    }
}
