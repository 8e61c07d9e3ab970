using System.CommandLine;
using Einthoven.Cli.Client;

namespace Einthoven.Cli.Commands;

/// <summary><c>einthoven login --server URL --email E</c>: gets a personal access token and saves it (0600) for the other commands.</summary>
public static class LoginCommand
{
    public static Command Create(ServerConnection? connection = null)
    {
        connection ??= new ServerConnection();
        var command = new Command("login", "Sign in to an Einthoven server and save a token for upload, recordings and download");
        connection.AddTo(command);
        var email = new Option<string>("--email") { Description = "Your account's e-mail", Required = true };
        var password = new Option<string?>("--password") { Description = "Password (default: $EINTHOVEN_PASSWORD, else read from standard input)" };
        command.Options.Add(email);
        command.Options.Add(password);
        command.SetAction(async r =>
        {
            var server = ServerConnection.ParseServer(r.GetValue(connection.Server) ?? throw new CliUsageException("--server is required for login"));
            var secret = r.GetValue(password) ?? Environment.GetEnvironmentVariable("EINTHOVEN_PASSWORD") ?? Console.In.ReadLine()
                ?? throw new CliUsageException("no password given");
            using var http = connection.Anonymous(server);
            var token = await new PlatformClient(http).SignInAsync(r.GetValue(email)!, secret, $"cli@{Environment.MachineName}");
            var config = new ClientConfig(server.ToString(), token.GetProperty("token").GetString()!, r.GetValue(email)!);
            config.Save(r.GetValue(connection.ConfigPath));
            r.InvocationConfiguration.Output.WriteLine($"logged in to {server} as {config.Email}; token saved in {r.GetValue(connection.ConfigPath) ?? ClientConfig.DefaultPath}");
            return CliRunner.ExitCodes.Ok;
        });
        return command;
    }
}
