using System.Text.Json.Serialization;

namespace Einthoven.Server.Pacemaker;

/// <summary>The seed's answer for an adult, member for member: <c>{"pacemaker": true, "probability": 0.93, "age": 67, "recording_date": "..."}</c>.</summary>
public sealed record PredictResult(
    [property: JsonPropertyName("pacemaker")] bool Pacemaker,
    [property: JsonPropertyName("probability")] double Probability,
    [property: JsonPropertyName("age")] double Age,
    [property: JsonPropertyName("recording_date")] string RecordingDate);
