using MimeKit;

namespace Einthoven.Server.Tests.Hosting;

/// <summary>
/// A test that needs the real SMTP server .ci/run starts (EINTHOVEN_TEST_SMTP, host:port, writing every message to the
/// Maildir EINTHOVEN_TEST_MAILDIR). Without it the test is skipped on a developer machine; in CI (CI=true) it runs and
/// fails with a clear message, so a missing server cannot pass silently.
/// </summary>
public sealed class SmtpFactAttribute : FactAttribute
{
    public SmtpFactAttribute()
    {
        if (!Einthoven.TestSupport.TestData.InCi && (TestSmtp.Endpoint is null || TestSmtp.Maildir is null))
            Skip = $"{TestSmtp.Variable} and {TestSmtp.MaildirVariable} are not set (the e-mail tests run in CI; see .ci/smtp.sh)";
    }
}

/// <summary>The theory form of <see cref="SmtpFactAttribute"/> (browser journeys on several devices).</summary>
public sealed class SmtpTheoryAttribute : TheoryAttribute
{
    public SmtpTheoryAttribute()
    {
        if (!Einthoven.TestSupport.TestData.InCi && (TestSmtp.Endpoint is null || TestSmtp.Maildir is null))
            Skip = $"{TestSmtp.Variable} and {TestSmtp.MaildirVariable} are not set (the e-mail tests run in CI; see .ci/smtp.sh)";
    }
}

/// <summary>The test SMTP server: settings that point a server at it, and the messages it received for one address.</summary>
public static class TestSmtp
{
    public const string Variable = "EINTHOVEN_TEST_SMTP", MaildirVariable = "EINTHOVEN_TEST_MAILDIR";

    public static string? Endpoint => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } v ? v : null;
    public static string? Maildir => Environment.GetEnvironmentVariable(MaildirVariable) is { Length: > 0 } v ? v : null;

    private static string Required(string? value, string variable) =>
        value ?? throw new InvalidOperationException($"{variable} is not set, but CI=true: the e-mail tests must run in CI (.ci/run starts the SMTP server)");

    /// <summary>Server settings for the SMTP server (a quick outbox poll, links on a test address).</summary>
    public static Dictionary<string, string?> Settings(int? port = null)
    {
        var endpoint = Required(Endpoint, Variable);
        var colon = endpoint.LastIndexOf(':');
        return new()
        {
            ["Einthoven:Smtp:Host"] = endpoint[..colon],
            ["Einthoven:Smtp:Port"] = (port ?? int.Parse(endpoint[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture)).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Einthoven:Smtp:From"] = "Einthoven <no-reply@einthoven.test>",
            ["Einthoven:Notifications:PollInterval"] = "00:00:00.200",
            ["Einthoven:Notifications:PublicUrl"] = "https://ecg.einthoven.test",
        };
    }

    /// <summary>Every message the server received for <paramref name="address"/> so far.</summary>
    public static List<MimeMessage> MessagesTo(string address)
    {
        var folder = Required(Maildir, MaildirVariable);
        var result = new List<MimeMessage>();
        foreach (var sub in new[] { "new", "cur" })
        {
            var dir = Path.Combine(folder, sub);
            if (!Directory.Exists(dir)) continue;
            foreach (var file in Directory.EnumerateFiles(dir))
            {
                var message = MimeMessage.Load(file);
                if (message.To.Mailboxes.Any(m => string.Equals(m.Address, address, StringComparison.OrdinalIgnoreCase))) result.Add(message);
            }
        }
        return result;
    }

    /// <summary>Waits until <paramref name="count"/> messages reached <paramref name="address"/>, then a little longer to see that no more come.</summary>
    public static async Task<List<MimeMessage>> WaitForAsync(string address, int count, int seconds = 30, int quietMs = 1500)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (MessagesTo(address).Count < count)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{MessagesTo(address).Count} of {count} messages reached {address}");
            await Task.Delay(100);
        }
        await Task.Delay(quietMs);
        return MessagesTo(address);
    }

    /// <summary>A port on 127.0.0.1 where nothing listens (an SMTP server that is down).</summary>
    public static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static string UniqueAddress(string tag) => $"{tag}-{Guid.NewGuid():N}@mail.einthoven.test";

}
