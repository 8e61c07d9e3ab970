using System.CommandLine;
using Einthoven.Cli.Client;
using Spectre.Console;

namespace Einthoven.Cli.Commands;

/// <summary><c>einthoven recordings [--patient ID]</c>: your recordings, or a patient's who shared them with you, by date.</summary>
public static class RecordingsCommand
{
    public static Command Create(ServerConnection? connection = null)
    {
        connection ??= new ServerConnection();
        var command = new Command("recordings", "List recordings on the server by date, newest first");
        connection.AddTo(command);
        var patient = new Option<Guid?>("--patient") { Description = "A patient who granted you access (doctors)" };
        var json = new Option<bool>("--json") { Description = "Print the server's JSON" };
        command.Options.Add(patient);
        command.Options.Add(json);
        command.SetAction(async r =>
        {
            var list = await connection.Connect(r).RecordingsAsync(r.GetValue(patient));
            if (r.GetValue(json))
            {
                r.InvocationConfiguration.Output.WriteLine(list.GetRawText());
                return CliRunner.ExitCodes.Ok;
            }
            var table = new Table().AddColumns("Id", "Recorded", "Name", "Leads", "Duration", "Format");
            foreach (var rec in list.EnumerateArray())
                table.AddRow(rec.GetProperty("id").GetString()!, rec.GetProperty("recordedAt").GetDateTime().ToString("yyyy-MM-dd HH:mm"),
                    Markup.Escape(rec.GetProperty("name").GetString()!), rec.GetProperty("leadCount").GetInt32().ToString(),
                    TimeSpan.FromSeconds(Math.Round(rec.GetProperty("durationSeconds").GetDouble())).ToString("c"), rec.GetProperty("originalFormat").GetString()!);
            CliRunner.Console(r).Write(table);
            return CliRunner.ExitCodes.Ok;
        });
        return command;
    }
}
