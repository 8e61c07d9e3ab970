using Einthoven.Server.Analysis;
using Einthoven.Server.Recordings.Digitized;
using Einthoven.Signal.Records;

namespace Einthoven.Server.Recordings;

public sealed record RecordingView(
    Guid Id, Guid PatientId, string Name, DateTime RecordedAt, DateTime UploadedAt, string OriginalFormat, string OriginalFileName,
    double SamplingFrequency, long SampleCount, double DurationSeconds, int LeadCount, long StoredBytes, DigitizedSummary? Digitized)
{
    public static RecordingView Of(Recording r) => new(r.Id, r.PatientId, r.Name, r.RecordedAt, r.UploadedAt, r.OriginalFormat,
        r.OriginalFileName, r.SamplingFrequency, r.SampleCount, r.SampleCount / r.SamplingFrequency, r.LeadCount, r.StoredBytes,
        DigitizedSummary.FromJson(r.DigitizedJson));
}

public sealed record JobView(Guid Id, JobState State, double Progress, int Attempts, int MaxAttempts, string? Error, DateTime CreatedAt, DateTime? CompletedAt)
{
    public static JobView Of(AnalysisJob j) => new(j.Id, j.State, j.Progress, j.Attempts, j.MaxAttempts, j.Error, j.CreatedAt, j.CompletedAt);
}

public sealed record RecordingDetail(
    RecordingView Recording, IReadOnlyList<LeadInfo> Leads, IReadOnlyDictionary<string, string> Metadata, IReadOnlyList<string> Comments,
    IReadOnlyDictionary<string, int> AnnotationCounts, JobView? Analysis);

public sealed record UploadResult(RecordingView Recording, JobView Analysis);
