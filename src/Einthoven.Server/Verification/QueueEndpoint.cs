using System.Security.Claims;
using Einthoven.Server.Accounts;
using Einthoven.Server.Api;
using Einthoven.Server.Audit;
using Einthoven.Server.Monitoring;
using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Verification;

/// <summary>A cardiologist's queue: the requests routed to them that are open, or that hold their own unfinished set.</summary>
public static class QueueEndpoint
{
    public const int MaxItems = 200;

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/verification/queue", Queue).WithTags("Verification").RequireAuthorization(p => p.RequireRole(Roles.Cardiologist))
            .Produces<List<QueueItemView>>()
            .WithSummary("Recordings waiting for your verification, oldest request first (state=all: every request routed to you), with your progress");

    private static async Task<IResult> Queue(string? state, ClaimsPrincipal user, AppDb db, AuditLog audit, CancellationToken ct)
    {
        var me = user.UserId();
        var routed = VerificationRouting.RoutedTo(db, me);
        if (state != "all")
            routed = routed.Where(r => r.Status == VerificationStatus.Open
                                       || db.BeatVerifications.Any(v => v.RequestId == r.Id && v.CardiologistId == me && v.CompletedAt == null));
        var requests = await routed.AsNoTracking().OrderBy(r => r.RequestedAt).Take(MaxItems).ToListAsync(ct);
        var recordingIds = requests.Select(r => r.RecordingId).Distinct().ToList();
        var recordings = await db.Recordings.AsNoTracking().Where(r => recordingIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
        var results = await db.AnalysisResults.AsNoTracking().Where(r => recordingIds.Contains(r.RecordingId)).ToDictionaryAsync(r => r.RecordingId, ct);
        var requestIds = requests.Select(r => r.Id).ToList();
        var sets = await VerificationViews.SetsAsync(db, db.BeatVerifications.Where(v => requestIds.Contains(v.RequestId)), ct);
        var patients = await MonitoredPatients.NamesAsync(db, requests.Select(r => r.PatientId), ct);
        var orgs = await VerificationViews.OrganisationNamesAsync(db, requests, ct);
        var assigned = await db.CardiologistAssignments.AsNoTracking().Where(a => a.CardiologistId == me).Select(a => a.PatientId).ToListAsync(ct);
        var items = new List<QueueItemView>();
        foreach (var r in requests.Where(r => recordings.ContainsKey(r.RecordingId)))
        {
            var recording = recordings[r.RecordingId];
            var beats = results.GetValueOrDefault(r.RecordingId)?.Report()?.Beats.ByClass.Values.Sum();
            var ofRequest = sets.Where(s => s.RequestId == r.Id).ToList();
            items.Add(new QueueItemView(r.Id, r.RecordingId, recording.Name, recording.RecordedAt, recording.SampleCount / recording.SamplingFrequency,
                r.PatientId, patients.GetValueOrDefault(r.PatientId, ""), VerificationViews.OrganisationOf(r, orgs),
                assigned.Contains(r.PatientId) ? "assigned" : "organisation", r.RequestedAt, r.Status, beats,
                ofRequest.SingleOrDefault(s => s.CardiologistId == me), ofRequest.Count(s => s.CardiologistId != me)));
        }
        foreach (var patient in items.Select(i => i.PatientId).Distinct()) await audit.RecordAsync(me, patient, "verification.queue", null, ct);
        return Results.Ok(items);
    }
}
