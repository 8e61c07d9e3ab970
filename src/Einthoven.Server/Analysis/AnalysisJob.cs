using System.Text.Json;
using Einthoven.Models.Analysis;

namespace Einthoven.Server.Analysis;

public enum JobState { Queued = 0, Running = 1, Succeeded = 2, Failed = 3 }

/// <summary>
/// A persisted unit of background work: analyse one recording. A worker claims it with a lease; if the worker dies the
/// lease runs out and another claim takes it over, counting the attempt.
/// </summary>
public sealed class AnalysisJob
{
    public Guid Id { get; set; }
    public Guid RecordingId { get; set; }
    public JobState State { get; set; }
    public int Attempts { get; set; }
    public int MaxAttempts { get; set; }
    public double Progress { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTime? LeaseExpiresAt { get; set; }
    public string? Error { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
}

/// <summary>The stored outcome of the analysis of a recording (its beats are the annotation set "analysis").</summary>
public sealed class AnalysisResult
{
    public Guid RecordingId { get; set; }
    public string Analyzer { get; set; } = "";
    public string SummaryJson { get; set; } = "";
    public DateTime CreatedAt { get; set; }

    /// <summary>
    /// The stored report, whichever version wrote it; null for the first server's summaries (einthoven-signal/qrs-1:
    /// a beat count and rates, no report), which a new analysis replaces.
    /// </summary>
    public AnalysisReport? Report()
    {
        try { return AnalysisReport.Parse(SummaryJson); }
        catch (JsonException) { return null; }
    }
}
