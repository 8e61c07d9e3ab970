namespace Einthoven.Server.Notifications;

/// <summary>The outbox of notifications (section Einthoven:Notifications).</summary>
public sealed class NotificationOptions
{
    /// <summary>Runs the outbox sender in this process (every server process may; leases keep them apart).</summary>
    public bool RunSender { get; set; } = true;
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>How long a claimed delivery is this process's; after a crash mid-send it is retried once the lease runs out.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);
    /// <summary>Attempts before a delivery is failed for good.</summary>
    public int MaxAttempts { get; set; } = 8;
    /// <summary>The wait after the first failure; it doubles with each further one, up to <see cref="RetryCap"/>.</summary>
    public TimeSpan RetryBase { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan RetryCap { get; set; } = TimeSpan.FromHours(1);
    /// <summary>The server's public address for links in e-mails (unsubscribe), e.g. https://ecg.example.org.</summary>
    public string PublicUrl { get; set; } = "http://localhost:5080";
}

public enum SmtpSecurity { None, StartTls, Tls }

/// <summary>The SMTP server for e-mail (section Einthoven:Smtp). Without a <see cref="Host"/> the e-mail channel is off; in-app still works.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    /// <summary>The sender, e.g. "Einthoven &lt;no-reply@ecg.example.org&gt;".</summary>
    public string From { get; set; } = "Einthoven <no-reply@localhost>";
    public string? User { get; set; }
    public string? Password { get; set; }
    /// <summary>none, starttls or tls (implicit TLS, usually port 465).</summary>
    public SmtpSecurity UseTls { get; set; } = SmtpSecurity.None;
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool Configured => !string.IsNullOrWhiteSpace(Host);
}
