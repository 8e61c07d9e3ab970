using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Einthoven.Server.Api;

/// <summary>
/// Behind a reverse proxy (TLS termination): X-Forwarded-For/-Proto/-Host are believed only from the proxies listed in
/// Einthoven:ForwardedHeaders (none by default), so that the client address (rate limits, lockout), the scheme (the
/// cookie's Secure flag) and the host (the same-origin check) are the real ones and cannot be forged by a client.
/// </summary>
public static class Proxies
{
    public static void UseForwardedHeaders(WebApplication app, ForwardedHeadersSettings settings)
    {
        if (settings.KnownProxies.Length == 0 && settings.KnownNetworks.Length == 0) return;
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost,
            ForwardLimit = null, // walk back through every listed proxy; the first unlisted hop is the client
        };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in settings.KnownProxies)
            options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address) ? address
                : throw new InvalidOperationException($"Einthoven:ForwardedHeaders:KnownProxies: '{proxy}' is not an IP address"));
        foreach (var network in settings.KnownNetworks)
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed) ? parsed
                : throw new InvalidOperationException($"Einthoven:ForwardedHeaders:KnownNetworks: '{network}' is not a CIDR network such as 10.0.0.0/8"));
        app.UseForwardedHeaders(options);
    }
}
