using System.CommandLine;

namespace Einthoven.Cli.Client;

/// <summary>
/// The --server option and how the commands reach the server: with the saved token, through an HttpClient made by
/// <see cref="ServerConnection.Connect"/> (tests pass one that talks to an in-process server).
/// </summary>
public sealed class ServerConnection(Func<Uri, HttpClient>? clientFactory = null)
{
    public Option<string?> Server { get; } = new("--server") { Description = "Server URL, e.g. http://127.0.0.1:5080 (default: the one you logged in to)" };

    public Option<string?> ConfigPath { get; } = new("--config") { Description = "Config file (default: ~/.einthoven/config.json or $EINTHOVEN_CONFIG)", Hidden = true };

    public ServerConnection AddTo(Command command)
    {
        command.Options.Add(Server);
        command.Options.Add(ConfigPath);
        return this;
    }

    /// <summary>A client for <paramref name="server"/> without a token (for login).</summary>
    public HttpClient Anonymous(Uri server) => Make(server);

    /// <summary>A client with the saved token, for the server given or the saved one.</summary>
    public PlatformClient Connect(ParseResult r)
    {
        var config = ClientConfig.Load(r.GetValue(ConfigPath)) ?? throw new CliUsageException("not logged in; run: einthoven login --server URL --email EMAIL");
        var server = ParseServer(r.GetValue(Server) ?? config.Server);
        if (r.GetValue(Server) is not null && ParseServer(config.Server) != server)
            throw new CliUsageException($"the saved token is for {config.Server}; run einthoven login --server {server} first");
        var http = Make(server);
        http.DefaultRequestHeaders.Authorization = new("Bearer", config.Token);
        return new PlatformClient(http);
    }

    public static Uri ParseServer(string text) =>
        Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri : throw new CliUsageException($"'{text}' is not an http(s) server URL");

    private HttpClient Make(Uri server)
    {
        var http = clientFactory?.Invoke(server) ?? new HttpClient();
        http.BaseAddress = server;
        http.Timeout = TimeSpan.FromMinutes(10);
        return http;
    }
}
