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
    public int KeyHashIterations { get; set; } = 600_000;
    public AnalysisOptions Analysis { get; set; } = new();
}

public sealed class AnalysisOptions
{
    public bool RunWorker { get; set; } = true;
    public int MaxAttempts { get; set; } = 3;
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
    /// <summary>Recordings the worker refuses to analyse (failed at once, not retried): more leads than this...</summary>
    public int MaxLeads { get; set; } = 16;
    /// <summary>...or more samples over all leads than this (24 h x 12 leads x 250 Hz is 259.2 M)...</summary>
    public long MaxSamples { get; set; } = 260_000_000;
    /// <summary>...or longer than this.</summary>
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromHours(48);
}
