using Einthoven.Interop;
using Einthoven.Models.Analysis;
using Einthoven.Server.Recordings;
using Einthoven.Server.Storage;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Fhir;

/// <summary>A stored recording's FHIR resources: its ECG Observation and, once analysed, the measurement Observations and the DiagnosticReport.</summary>
public sealed class FhirRecordings(AppDb db)
{
    /// <summary>
    /// The most samples (all leads together) one ECG Observation carries; and no lead's data may pass FHIR's 1 MB string
    /// limit. A longer recording gives its first part, says so in a note, and points to the download of the whole.
    /// </summary>
    public const long MaxSamplesPerObservation = 1_000_000;

    public static string Id(Guid recording) => recording.ToString();

    public Observation Ecg(Recording recording)
    {
        var info = RecordingLoader.Info(recording);
        var perLead = (int)Math.Min(recording.SampleCount, MaxSamplesPerObservation / Math.Max(1, info.Leads.Count));
        using var reader = new StoredRecordingReader(db, recording, withAnalysis: false);
        var samples = reader.Read(0, perLead).Samples;
        var fitting = EcgObservation.FittingSamples(samples);
        if (fitting < recording.SampleCount)
        {
            samples = samples.Select(l => l[..fitting]).ToArray();
            info = info with { SampleCount = fitting };
        }
        var note = fitting < recording.SampleCount
            ? $"The first {fitting:N0} of {recording.SampleCount:N0} samples per lead; the whole recording: GET /api/recordings/{recording.Id}/download"
            : null;
        return EcgObservation.ToObservation(Id(recording.Id), recording.PatientId.ToString(), info, Utc(recording.RecordedAt), samples, note);
    }

    /// <summary>The newest analysis report of each recording that has one (summaries of the first server, without a report, are left out).</summary>
    public async Task<Dictionary<Guid, (AnalysisReport Report, DateTime At)>> ReportsAsync(IReadOnlyCollection<Guid> recordings, CancellationToken ct)
    {
        var rows = await db.AnalysisResults.AsNoTracking().Where(a => recordings.Contains(a.RecordingId)).ToListAsync(ct);
        return rows.Select(r => (r.RecordingId, Report: r.Report(), r.CreatedAt)).Where(r => r.Report is not null)
            .GroupBy(r => r.RecordingId).ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.CreatedAt).Select(r => (r.Report!, r.CreatedAt)).First());
    }

    public static IEnumerable<Observation> Measurements(Recording recording, AnalysisReport report, DateTime analysedAt) =>
        AnalysisResources.Observations(Id(recording.Id), recording.PatientId.ToString(), Utc(recording.RecordedAt), Utc(analysedAt), report);

    public static DiagnosticReport Report(Recording recording, AnalysisReport report, DateTime analysedAt) =>
        AnalysisResources.Report(Id(recording.Id), recording.PatientId.ToString(), Utc(recording.RecordedAt), Utc(analysedAt), report);

    /// <summary>The patient's visible recordings, newest first.</summary>
    public Task<List<Recording>> OfPatientAsync(Guid patient, CancellationToken ct) =>
        db.Recordings.AsNoTracking().Where(r => r.PatientId == patient).OrderByDescending(r => r.RecordedAt).ToListAsync(ct);

    public static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));
}
