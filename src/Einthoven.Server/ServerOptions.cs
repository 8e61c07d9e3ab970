using Einthoven.Signal.Formats;

namespace Einthoven.Server;

/// <summary>Settings under "Einthoven" in appsettings.json or EINTHOVEN__* environment variables.</summary>
public sealed class ServerOptions
{
    public const string Section = "Einthoven";

    /// <summary>Folder for the SQLite database and temporary upload files; default ~/.local/share/einthoven.</summary>
    public string DataFolder { get; set; } = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "einthoven");
    /// <summary>"Sqlite" (default) or "Postgres".</summary>
    public string DatabaseProvider { get; set; } = "Sqlite";
    /// <summary>Connection string; for SQLite the default is einthoven.db in the data folder.</summary>
    public string? ConnectionString { get; set; }
    public long MaxUploadBytes { get; set; } = 300L * 1024 * 1024;
    public bool SeedDemo { get; set; } = true;
    public int SignInPermitsPerMinute { get; set; } = 10;
    public int KeyPermitsPerMinute { get; set; } = 10;
    /// <summary>Pacemaker predictions (POST /predict) a user (or, signed out, an address) may ask for per minute.</summary>
    public int PredictPermitsPerMinute { get; set; } = 60;
    /// <summary>Risk questionnaire answers (<c>POST /api/risk/score2</c>) per user, or per address when signed out.</summary>
    public int RiskPermitsPerMinute { get; set; } = 30;
    /// <summary>The largest POST /predict request in bytes (metadata, header and signal file together); see docs/SERVER.md.</summary>
    public long MaxPredictBytes { get; set; } = 16L * 1024 * 1024;
    /// <summary>The largest photo of a paper ECG (POST /api/digitize/preview, /api/recordings/digitized) in bytes.</summary>
    public long MaxPhotoBytes { get; set; } = 25L * 1024 * 1024;
    /// <summary>Photos a user may have digitised per minute (preview and store together); each costs a core about a second.</summary>
    public int DigitizePermitsPerMinute { get; set; } = 20;
    public int KeyHashIterations { get; set; } = 600_000;
    public AnalysisOptions Analysis { get; set; } = new();
    public Storage.AtRest.AtRestOptions AtRest { get; set; } = new();
    public SharingOptions Sharing { get; set; } = new();
    /// <summary>The largest recording an upload may hold (leads, length, rate, text fields); see docs/SECURITY.md.</summary>
    public RecordLimits Limits { get; set; } = new();
    public LockoutOptions Lockout { get; set; } = new();
    public ForwardedHeadersSettings ForwardedHeaders { get; set; } = new();
    public Live.LiveOptions Live { get; set; } = new();
    public ContinuousLearning.RetrainingOptions Retraining { get; set; } = new();
    /// <summary>The admins' ONNX 12-lead models (size and count limits).</summary>
    public Classification.ClassifierOptions Classifiers { get; set; } = new();
    /// <summary>The notification outbox (issue 27) and the SMTP server for e-mail (none: in-app only).</summary>
    public Notifications.NotificationOptions Notifications { get; set; } = new();
    public Notifications.SmtpOptions Smtp { get; set; } = new();
    /// <summary>The hospital PACS over DICOMweb (issue 28); none: sending to and importing from a PACS is off.</summary>
    public Pacs.PacsOptions Pacs { get; set; } = new();
}

/// <summary>The sign-in lockout policy (docs/SECURITY.md): failures lock one address out of one account first.</summary>
public sealed class LockoutOptions
{
    /// <summary>Failed sign-ins from one address that lock that address (only) out of that account for <see cref="Duration"/>.</summary>
    public int FailuresPerAddress { get; set; } = 5;
    /// <summary>Distinct addresses locked out of one account within <see cref="Duration"/> that lock the whole account.</summary>
    public int AddressesPerAccount { get; set; } = 10;
    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>Reverse proxies whose X-Forwarded-For/-Proto/-Host headers are believed; none by default.</summary>
public sealed class ForwardedHeadersSettings
{
    /// <summary>Proxy addresses, e.g. "10.0.0.2".</summary>
    public string[] KnownProxies { get; set; } = [];
    /// <summary>Proxy networks in CIDR notation, e.g. "10.0.0.0/8".</summary>
    public string[] KnownNetworks { get; set; } = [];
}

/// <summary>Limits on access keys: how long they live, how many doctors one may admit, how many a patient may hold.</summary>
public sealed class SharingOptions
{
    public int DefaultKeyDays { get; set; } = 14;
    public int MaxKeyDays { get; set; } = 365;
    public int MaxKeyUses { get; set; } = 20;
    public int MaxActiveKeys { get; set; } = 20;
}

public sealed class AnalysisOptions
{
    public bool RunWorker { get; set; } = true;
    public int MaxAttempts { get; set; } = 3;
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
}
