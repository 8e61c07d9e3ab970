using Einthoven.Server.Monitoring;
using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Verification;

/// <summary>The answers' views of requests and sets, with the display names of the people they name.</summary>
public static class VerificationViews
{
    /// <summary>The sets of a query as views, without decoding their beats; oldest first.</summary>
    public static async Task<List<VerificationSetView>> SetsAsync(AppDb db, IQueryable<BeatVerification> sets, CancellationToken ct)
    {
        var rows = await sets.AsNoTracking().OrderBy(v => v.StartedAt)
            .Select(v => new VerificationSetView(v.Id, v.RequestId, v.RecordingId, v.CardiologistId, "", v.AiModel, v.StartedAt, v.UpdatedAt,
                v.CompletedAt, v.BeatCount, v.ReviewedCount, 0)).Take(500).ToListAsync(ct);
        var names = await MonitoredPatients.NamesAsync(db, rows.Select(r => r.CardiologistId), ct);
        return rows.Select(r => Named(r, names.GetValueOrDefault(r.CardiologistId, ""))).ToList();
    }

    public static VerificationSetView Of(BeatVerification v, string cardiologistName) =>
        Named(new VerificationSetView(v.Id, v.RequestId, v.RecordingId, v.CardiologistId, "", v.AiModel, v.StartedAt, v.UpdatedAt, v.CompletedAt,
            v.BeatCount, v.ReviewedCount, 0), cardiologistName);

    public static async Task<VerificationSetView> OfAsync(AppDb db, BeatVerification v, CancellationToken ct) =>
        Of(v, (await MonitoredPatients.NamesAsync(db, [v.CardiologistId], ct)).GetValueOrDefault(v.CardiologistId, ""));

    public static async Task<List<VerificationRequestView>> RequestsAsync(AppDb db, IReadOnlyList<VerificationRequest> requests, CancellationToken ct)
    {
        var names = await MonitoredPatients.NamesAsync(db, requests.Select(r => r.RequestedBy), ct);
        var orgs = await OrganisationNamesAsync(db, requests, ct);
        var views = new List<VerificationRequestView>();
        foreach (var r in requests)
            views.Add(new VerificationRequestView(r.Id, r.RecordingId, r.OrganisationId, OrganisationOf(r, orgs),
                r.RequestedBy, names.GetValueOrDefault(r.RequestedBy, ""), r.RequestedAt, r.Status, await VerificationRouting.CountAsync(db, r, ct)));
        return views;
    }

    public static async Task<Dictionary<Guid, string>> OrganisationNamesAsync(AppDb db, IEnumerable<VerificationRequest> requests, CancellationToken ct)
    {
        var ids = requests.Where(r => r.OrganisationId != null).Select(r => r.OrganisationId!.Value).Distinct().ToList();
        return await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
    }

    public static string? OrganisationOf(VerificationRequest request, Dictionary<Guid, string> names) =>
        request.OrganisationId is { } id ? names.GetValueOrDefault(id) : null;

    private static VerificationSetView Named(VerificationSetView v, string name) =>
        v with { CardiologistName = name, Progress = v.BeatCount == 0 ? 1 : Math.Round((double)v.ReviewedCount / v.BeatCount, 4) };
}
