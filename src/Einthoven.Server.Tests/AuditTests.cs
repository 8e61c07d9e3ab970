using Einthoven.Server.Audit;
using Einthoven.Server.Storage;
using Einthoven.Server.Tests.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Einthoven.Server.Tests;

/// <summary>The audit log keeps one entry per reader, recording and action per 10 minutes, however many tiles are read.</summary>
public abstract class AuditTests(ServerFixture fixture)
{
    [ProviderFact]
    public async Task A_viewing_session_leaves_one_entry_per_ten_minutes_that_the_patient_sees()
    {
        var clock = new ShiftedClock();
        await using var host = new ServerHost(fixture.Provider, services: s => s.AddSingleton<TimeProvider>(clock));
        var w = await World.CreateAsync(host);
        var doctor = w.Actors[Who.DoctorWithGrant];
        var firstRead = clock.GetUtcNow().UtcDateTime;
        for (var from = 0; from < 50; from += 5) await Window(w, doctor, from);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Window(w, doctor, i))); // tiles of one screen arrive together
        Assert.Equal(1, await Entries(host, doctor, "recording.window"));

        await (await doctor.Client.GetAsync($"/api/recordings/{w.Recording}/analysis")).JsonAsync();
        Assert.Equal(1, await Entries(host, doctor, "analysis.read"));

        clock.Offset = AuditThrottle.Span + TimeSpan.FromSeconds(1);
        var secondRead = clock.GetUtcNow().UtcDateTime;
        await Window(w, doctor, 30);
        await Window(w, doctor, 40);
        Assert.Equal(2, await Entries(host, doctor, "recording.window"));

        var log = await (await w.Owner.Client.GetAsync("/api/audit")).JsonAsync();
        var windows = log.EnumerateArray().Where(e => e.Str("action") == "recording.window").ToList();
        Assert.Equal(2, windows.Count);
        Assert.All(windows, e =>
        {
            Assert.Equal(doctor.Email, e.Str("actorEmail"));
            Assert.Equal(w.Recording, e.GetProperty("recordingId").GetGuid());
        });
        var times = windows.Select(e => e.GetProperty("at").GetDateTime()).Order().ToList();
        Assert.InRange(times[0], firstRead.AddSeconds(-1), firstRead.AddSeconds(30));
        Assert.InRange(times[1], secondRead.AddSeconds(-1), secondRead.AddSeconds(30));
        Assert.DoesNotContain(log.EnumerateArray(), e => e.GetProperty("actorId").GetGuid() == w.Owner.Id);
    }

    [ProviderFact]
    public async Task A_restarted_server_finds_the_entry_of_the_current_span_in_the_database()
    {
        var clock = new ShiftedClock();
        await using var host = new ServerHost(fixture.Provider, services: s => s.AddSingleton<TimeProvider>(clock));
        var (doctor, patient, recording) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        async Task Read(AuditThrottle memory)
        {
            await using var scope = host.Services.CreateAsyncScope();
            await new AuditLog(scope.ServiceProvider.GetRequiredService<AppDb>(), memory, clock).RecordAsync(doctor, patient, "recording.window", recording, CancellationToken.None);
        }
        Task<int> Count() => host.DbAsync(db => db.AuditEntries.CountAsync(a => a.ActorId == doctor && a.RecordingId == recording));

        await Read(new AuditThrottle());
        await Read(new AuditThrottle()); // a fresh process memory, as after a restart
        Assert.Equal(1, await Count());
        clock.Offset = AuditThrottle.Span;
        await Read(new AuditThrottle());
        Assert.Equal(2, await Count());
    }

    private static async Task Window(World w, Actor doctor, int from) =>
        await (await doctor.Client.GetAsync($"/api/recordings/{w.Recording}/window?from={from}&to={from + 5}&points=500")).JsonAsync();

    private static Task<int> Entries(ServerHost host, Actor doctor, string action) =>
        host.DbAsync(db => db.AuditEntries.CountAsync(a => a.ActorId == doctor.Id && a.Action == action));
}

[Collection("sqlite")]
public sealed class SqliteAuditTests(SqliteFixture fixture) : AuditTests(fixture);

[Collection("postgres"), UsesPostgres]
public sealed class PostgresAuditTests(PostgresFixture fixture) : AuditTests(fixture);
