using System.Text.Json;

namespace Einthoven.Cli.Client;

/// <summary>
/// Where the CLI keeps the server address and its personal access token: ~/.einthoven/config.json (or
/// $EINTHOVEN_CONFIG), readable by the user only (0600).
/// </summary>
public sealed record ClientConfig(string Server, string Token, string Email)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string DefaultPath =>
        Environment.GetEnvironmentVariable("EINTHOVEN_CONFIG") is { Length: > 0 } path ? path
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".einthoven", "config.json");

    public static ClientConfig? Load(string? path = null)
    {
        path ??= DefaultPath;
        if (!File.Exists(path)) return null;
        try { return JsonSerializer.Deserialize<ClientConfig>(File.ReadAllText(path), Json); }
        catch (JsonException e) { throw new CliUsageException($"{path} is not a valid config file ({e.Message}); run einthoven login again"); }
    }

    public void Save(string? path = null)
    {
        path ??= DefaultPath;
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(dir);
        var temp = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temp, options))
            JsonSerializer.Serialize(stream, this, Json);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temp, path, overwrite: true);
    }
}
