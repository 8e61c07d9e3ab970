using Microsoft.Extensions.Options;

namespace Einthoven.Server.Live;

/// <summary>
/// <c>GET /api/live/ingest</c>: the WebSocket a device streams to. The device proves itself in its first message (a
/// hello with its token) rather than in a header, because a browser cannot set headers on a WebSocket.
/// </summary>
public static class IngestEndpoint
{
    public const string Path = "/api/live/ingest";

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet(Path, Accept).AllowAnonymous().WithTags("Live monitoring").ExcludeFromDescription();

    private static async Task<IResult> Accept(HttpContext http, IServiceProvider services, IOptions<ServerOptions> options)
    {
        if (!http.WebSockets.IsWebSocketRequest)
            return Api.Problems.BadRequest("WebSocket required", $"{Path} takes a WebSocket connection from a monitoring device (docs/LIVE.md)");
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        var session = ActivatorUtilities.CreateInstance<IngestSession>(services, socket);
        await session.RunAsync(http.RequestAborted);
        return Results.Empty;
    }
}
