using System.Net;
using Einthoven.Server.Tests.Hosting;

namespace Einthoven.Server.Tests;

/// <summary>Behind a TLS proxy: the real client's address, scheme and host, believed only from the listed proxy.</summary>
public abstract class ProxyTests(ServerFixture fixture)
{
    private const string Proxy = "10.0.0.2", Email = "proxied@test.local", Password = "Patient-Pass-123";

    [ProviderFact]
    public async Task Rate_limits_count_each_client_behind_a_known_proxy_and_ignore_forged_headers()
    {
        await using var host = Host(signInsPerMinute: 2);
        foreach (var client in new[] { "203.0.113.1", "203.0.113.2" })
        {
            var proxied = Through(host, Proxy, client);
            await (await proxied.PostJsonAsync("/api/auth/login", new { email = Email, password = "wrong-password-1" })).JsonAsync(HttpStatusCode.Unauthorized);
            await (await proxied.PostJsonAsync("/api/auth/login", new { email = Email, password = "wrong-password-1" })).JsonAsync(HttpStatusCode.Unauthorized);
            await (await proxied.PostJsonAsync("/api/auth/login", new { email = Email, password = "wrong-password-1" })).JsonAsync(HttpStatusCode.TooManyRequests);
        }
        // Not from the proxy: X-Forwarded-For is the client's own claim, and one address is one bucket whatever it says.
        for (var i = 0; i < 3; i++)
            await (await Through(host, "198.51.100.9", $"192.0.2.{i}").PostJsonAsync("/api/auth/login", new { email = Email, password = "wrong-password-1" }))
                .JsonAsync(i < 2 ? HttpStatusCode.Unauthorized : HttpStatusCode.TooManyRequests);
    }

    [ProviderFact]
    public async Task The_session_cookie_is_secure_when_the_proxy_says_https_and_the_public_origin_passes_the_same_origin_check()
    {
        await using var host = Host(signInsPerMinute: 100);
        await (await host.Client().PostJsonAsync("/api/auth/register", new { email = Email, password = Password })).JsonAsync(HttpStatusCode.Accepted);
        var proxied = Through(host, Proxy, "203.0.113.1", cookies: false);
        proxied.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        proxied.DefaultRequestHeaders.Add("X-Forwarded-Host", "ecg.example.org");
        using var signIn = await proxied.PostJsonAsync("/api/auth/login", new { email = Email, password = Password });
        await signIn.JsonAsync();
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("einthoven="));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        proxied.DefaultRequestHeaders.Add("Cookie", cookie.Split(';')[0]);
        proxied.DefaultRequestHeaders.Add("Origin", "https://ecg.example.org");
        await (await proxied.PostAsync("/api/auth/logout", null)).JsonAsync(HttpStatusCode.NoContent);

        using var plain = await Through(host, "198.51.100.9", "203.0.113.1", cookies: false).PostJsonAsync("/api/auth/login", new { email = Email, password = Password });
        await plain.JsonAsync();
        Assert.DoesNotContain("secure", plain.Headers.GetValues("Set-Cookie").Single(), StringComparison.OrdinalIgnoreCase);
    }

    private ServerHost Host(int signInsPerMinute) => new(fixture.Provider, new Dictionary<string, string?>
    {
        ["Einthoven:ForwardedHeaders:KnownProxies:0"] = Proxy,
        ["Einthoven:SignInPermitsPerMinute"] = signInsPerMinute.ToString(),
    }, RemoteAddress.Install);

    private static HttpClient Through(ServerHost host, string remote, string forwardedFor, bool cookies = true)
    {
        var client = RemoteAddress.From(host, remote, cookies);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        return client;
    }
}

[Collection("sqlite")]
public sealed class SqliteProxyTests(SqliteFixture fixture) : ProxyTests(fixture);

[Collection("postgres"), UsesPostgres]
public sealed class PostgresProxyTests(PostgresFixture fixture) : ProxyTests(fixture);
