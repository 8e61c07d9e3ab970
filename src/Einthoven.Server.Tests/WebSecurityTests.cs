using System.Net;
using Einthoven.Server.Tests.Hosting;

namespace Einthoven.Server.Tests;

/// <summary>Security headers on every kind of answer, and the same-origin check on cookie-authenticated changes.</summary>
public abstract class WebSecurityTests(ServerFixture fixture)
{
    private World W => fixture.World;

    [ProviderFact]
    public async Task Api_answers_and_downloads_are_not_stored_sniffed_or_framed()
    {
        foreach (var url in new[] { "/api/me", $"/api/recordings/{W.Recording}/download?format=edf", $"/api/recordings/{W.Recording}/window?from=0&to=5&points=100", "/api/no-such-thing" })
        {
            using var response = await W.Owner.Client.GetAsync(url);
            Assert.True(response.Headers.CacheControl?.NoStore, $"{url}: Cache-Control {response.Headers.CacheControl}");
            AssertCommonHeaders(url, response);
        }
    }

    [ProviderFact]
    public async Task Pages_static_files_and_the_api_docs_have_a_content_security_policy()
    {
        foreach (var (url, policy) in new[] { ("/", "script-src 'self'"), ("/js/app.js", "script-src 'self'"), ("/docs/index.html", "script-src 'self'"), ("/docs/v1/openapi.json", "default-src 'self'") })
        {
            using var response = await W.Anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            AssertCommonHeaders(url, response);
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains(policy, csp);
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.DoesNotContain("'unsafe-inline'", csp.Split(';').Single(d => d.Trim().StartsWith("script-src")));
        }
    }

    [ProviderFact]
    public async Task Cookie_sessions_refuse_changes_from_another_origin()
    {
        var session = await fixture.Host.CookieClientAsync(W.Owner.Email, W.Owner.Password);
        var files = TestRecords.WfdbFiles(TestRecords.Synthetic("csrf", seconds: 5, seed: 31));
        foreach (var origin in new[] { "https://evil.example", "null" })
        {
            session.DefaultRequestHeaders.Remove("Origin");
            session.DefaultRequestHeaders.Add("Origin", origin);
            await AssertRefused(await session.UploadAsync(files));
            await AssertRefused(await session.DeleteAsync($"/api/grants/{Guid.NewGuid()}"));
            await AssertRefused(await session.PostAsync("/api/auth/logout", null));
        }
        session.DefaultRequestHeaders.Remove("Origin");
        await AssertRefused(await session.PostAsync("/api/auth/logout", null)); // neither Origin nor Referer
        session.DefaultRequestHeaders.Referrer = new Uri($"{ServerHost.Origin}/sharing");
        await (await session.DeleteAsync($"/api/grants/{Guid.NewGuid()}")).JsonAsync(HttpStatusCode.NotFound); // past the check
        session.DefaultRequestHeaders.Referrer = null;
        session.DefaultRequestHeaders.Add("Origin", ServerHost.Origin);
        await (await session.GetAsync("/api/me")).JsonAsync(); // still signed in: the refused logouts did nothing
        await (await session.PostAsync("/api/auth/logout", null)).JsonAsync(HttpStatusCode.NoContent);
    }

    [ProviderFact]
    public async Task Bearer_tokens_and_anonymous_clients_without_an_origin_are_not_checked()
    {
        var foreign = new HttpRequestMessage(HttpMethod.Post, "/api/tokens") { Content = System.Net.Http.Json.JsonContent.Create(new { name = "cli" }) };
        foreign.Headers.Add("Origin", "https://evil.example");
        await (await W.Owner.Client.SendAsync(foreign)).JsonAsync(HttpStatusCode.Created);
        await (await fixture.Host.Client().PostJsonAsync("/api/auth/token", new { email = W.Owner.Email, password = W.Owner.Password })).JsonAsync(HttpStatusCode.Created);
        var signIn = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = System.Net.Http.Json.JsonContent.Create(new { email = W.Owner.Email, password = W.Owner.Password }) };
        signIn.Headers.Add("Origin", "https://evil.example");
        await AssertRefused(await fixture.Host.Client().SendAsync(signIn)); // a foreign page cannot sign a browser in
    }

    private static async Task AssertRefused(HttpResponseMessage response)
    {
        var problem = await response.JsonAsync(HttpStatusCode.Forbidden);
        Assert.Equal("cross-site request refused", problem.Str("title"));
    }

    private static void AssertCommonHeaders(string url, HttpResponseMessage response)
    {
        Assert.True(response.Headers.TryGetValues("X-Content-Type-Options", out var sniff) && sniff.Single() == "nosniff", $"{url}: nosniff");
        Assert.True(response.Headers.TryGetValues("X-Frame-Options", out var frame) && frame.Single() == "DENY", $"{url}: X-Frame-Options");
        Assert.True(response.Headers.TryGetValues("Referrer-Policy", out var referrer) && referrer.Single() == "same-origin", $"{url}: Referrer-Policy");
        Assert.True(response.Headers.Contains("Content-Security-Policy"), $"{url}: Content-Security-Policy");
    }
}

[Collection("sqlite")]
public sealed class SqliteWebSecurityTests(SqliteFixture fixture) : WebSecurityTests(fixture);

[Collection("postgres"), UsesPostgres]
public sealed class PostgresWebSecurityTests(PostgresFixture fixture) : WebSecurityTests(fixture);
