namespace Einthoven.Server.Tests.Hosting;

/// <summary>
/// A test that needs the Orthanc PACS .ci/run starts (EINTHOVEN_TEST_ORTHANC: its DICOMweb root, with
/// EINTHOVEN_TEST_ORTHANC_USER and _PASSWORD). Skipped on a developer machine without it; in CI it runs, and fails
/// clearly when the PACS is missing.
/// </summary>
public sealed class OrthancFactAttribute : FactAttribute
{
    public OrthancFactAttribute()
    {
        if (!Einthoven.TestSupport.TestData.InCi && TestOrthanc.Url is null)
            Skip = $"{TestOrthanc.Variable} is not set (the PACS tests run in CI; see .ci/orthanc.sh)";
    }
}

public static class TestOrthanc
{
    public const string Variable = "EINTHOVEN_TEST_ORTHANC";

    public static string? Url => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } v ? v : null;

    /// <summary>Server settings naming the test PACS.</summary>
    public static Dictionary<string, string?> Settings(string? url = null) => new()
    {
        ["Einthoven:Pacs:Name"] = "Test Orthanc",
        ["Einthoven:Pacs:DicomWebUrl"] = url ?? Url ?? throw new InvalidOperationException($"{Variable} is not set, but CI=true: the PACS tests must run in CI (.ci/run starts Orthanc)"),
        ["Einthoven:Pacs:Username"] = Environment.GetEnvironmentVariable("EINTHOVEN_TEST_ORTHANC_USER"),
        ["Einthoven:Pacs:Password"] = Environment.GetEnvironmentVariable("EINTHOVEN_TEST_ORTHANC_PASSWORD"),
        ["Einthoven:Pacs:Timeout"] = "00:00:20",
    };
}
