using System.Text.Json;
using Einthoven.Monitoring;

namespace Einthoven.Server.Monitoring;

/// <summary>A patient's alert thresholds as stored with the enrolment (JSON; empty means the defaults).</summary>
public static class EnrolmentSettings
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static MonitorSettings Read(string json) =>
        string.IsNullOrWhiteSpace(json) ? MonitorSettings.Default : JsonSerializer.Deserialize<MonitorSettings>(json, Json) ?? MonitorSettings.Default;

    public static string Write(MonitorSettings settings) => JsonSerializer.Serialize(settings, Json);
}
