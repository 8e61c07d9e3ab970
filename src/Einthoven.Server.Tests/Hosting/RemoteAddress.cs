using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Einthoven.Server.Tests.Hosting;

/// <summary>
/// TestServer connections have no remote address; with this installed, a test names one per request in the
/// <see cref="Header"/> header (set before anything of the server's own pipeline runs, as a real connection's would be).
/// </summary>
public sealed class RemoteAddress : IStartupFilter
{
    public const string Header = "X-Test-Remote-Address";

    public static void Install(IServiceCollection services) => services.AddSingleton<IStartupFilter, RemoteAddress>();

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, rest) =>
        {
            if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var address)) context.Connection.RemoteIpAddress = address;
            return rest(context);
        });
        next(app);
    };

    /// <summary>A client whose requests come from <paramref name="address"/>.</summary>
    public static HttpClient From(ServerHost host, string address, bool cookies = true)
    {
        var client = cookies ? host.Client() : new HttpClient(host.Handler()) { BaseAddress = new Uri(ServerHost.Origin) };
        client.DefaultRequestHeaders.Add(Header, address);
        return client;
    }
}
