using System.Text.Json;
using Einthoven.Signal.Records;

namespace Einthoven.Server.Recordings;

/// <summary>A stored recording's description; its samples are read window by window through <see cref="Storage.StoredRecordingReader"/>.</summary>
public static class RecordingLoader
{
    public static RecordInfo Info(Recording recording) =>
        JsonSerializer.Deserialize<RecordInfo>(recording.InfoJson, RecordInfoJson.Options)
        ?? throw new InvalidDataException($"recording {recording.Id} has no description");

    /// <summary>The annotation set the analysis writes its beats and events into.</summary>
    public const string AnalysisAnnotator = "analysis";
}

public static class RecordInfoJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
