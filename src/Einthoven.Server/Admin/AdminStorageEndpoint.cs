using Einthoven.Server.Api;
using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Admin;

public sealed record PatientStorage(Guid PatientId, string Email, string DisplayName, int Recordings, long Samples, long StoredBytes);

public sealed record StorageView(string Provider, int Recordings, long Samples, long StoredBytes, long DatabaseBytes, IReadOnlyList<PatientStorage> TopPatients);

/// <summary>
/// GET /api/admin/storage: how much the platform stores - recordings, sample values, compressed sample bytes, the
/// database's size - and the patients who use most. Counts and bytes only: no recording names, dates or content.
/// </summary>
public static class AdminStorageEndpoint
{
    private const int MaxTop = 100;

    public static void Map(RouteGroupBuilder admin) =>
        admin.MapGet("/storage", Get).WithSummary("Storage use: recordings, samples, bytes, database size, top patients by bytes")
            .Produces<StorageView>().ProducesProblem(400);

    private static async Task<IResult> Get(AppDb db, int? top, CancellationToken ct)
    {
        if (top is < 1 or > MaxTop) return Problems.BadRequest("invalid count", $"top must be 1-{MaxTop}", "top");
        var recordings = db.Recordings.AsNoTracking();
        var count = await recordings.CountAsync(ct);
        var samples = await recordings.SumAsync(r => r.SampleCount * r.LeadCount, ct);
        var bytes = await recordings.SumAsync(r => r.StoredBytes, ct);
        var perPatient = await recordings.GroupBy(r => r.PatientId)
            .Select(g => new { PatientId = g.Key, Count = g.Count(), Samples = g.Sum(r => r.SampleCount * r.LeadCount), Bytes = g.Sum(r => r.StoredBytes) })
            .OrderByDescending(p => p.Bytes).ThenBy(p => p.PatientId).Take(top ?? 10).ToListAsync(ct);
        var ids = perPatient.Select(p => p.PatientId).ToList();
        var people = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        var rows = perPatient.Select(p => new PatientStorage(p.PatientId, people.GetValueOrDefault(p.PatientId)?.Email ?? "",
            people.GetValueOrDefault(p.PatientId)?.DisplayName ?? "", p.Count, p.Samples, p.Bytes)).ToList();
        return Results.Ok(new StorageView(ProviderName(db), count, samples, bytes, await DatabaseBytesAsync(db, ct), rows));
    }

    public static string ProviderName(AppDb db) => db.Database.IsNpgsql() ? "Postgres" : "Sqlite";

    private static Task<long> DatabaseBytesAsync(AppDb db, CancellationToken ct) =>
        (db.Database.IsNpgsql()
            ? db.Database.SqlQueryRaw<long>("SELECT pg_database_size(current_database()) AS \"Value\"")
            : db.Database.SqlQueryRaw<long>("SELECT page_count * page_size AS Value FROM pragma_page_count(), pragma_page_size()"))
        .SingleAsync(ct);
}
