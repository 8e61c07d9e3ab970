namespace Einthoven.Server.Tests.Hosting;

/// <summary>
/// Server settings for tests: a private data folder, no demo data, no rate limits in the way, fast key hashing and
/// a quick analysis poll. Shared by the in-process host and the browser tests' live server.
/// </summary>
public static class TestSettings
{
    public static Dictionary<string, string?> For(string dataFolder) => new()
    {
        ["Einthoven:DataFolder"] = dataFolder,
        ["Einthoven:SeedDemo"] = "false",
        ["Einthoven:SignInPermitsPerMinute"] = "100000",
        ["Einthoven:KeyPermitsPerMinute"] = "100000",
        ["Einthoven:PredictPermitsPerMinute"] = "100000",
        ["Einthoven:RiskPermitsPerMinute"] = "100000",
        ["Einthoven:KeyHashIterations"] = "1000",
        ["Einthoven:Analysis:PollInterval"] = "00:00:00.200",
        ["Einthoven:Retraining:Enabled"] = "false", // no scheduled retraining; tests start runs themselves
    };
}
