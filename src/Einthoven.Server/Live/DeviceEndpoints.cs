using System.Security.Claims;
using System.Security.Cryptography;
using Einthoven.Server.Accounts;
using Einthoven.Server.Api;
using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Einthoven.Server.Live;

/// <summary>A new device: a label the patient recognises it by.</summary>
public sealed record NewDeviceRequest(string? Label);
/// <summary>The device with its token, which is in this answer only.</summary>
public sealed record NewDeviceView(Guid Id, string Label, string Prefix, string Token);
public sealed record DeviceView(Guid Id, string Label, string Prefix, DateTime CreatedAt, DateTime? LastSeenAt, DateTime? RevokedAt, LiveStreamView? OpenStream);
public sealed record LiveStreamView(Guid Id, DateTime StartedAt, DateTime LastFrameAt, double SamplingFrequency, long SampleCount, long NextSequence);

/// <summary>
/// A patient's monitoring devices: register one (its token is shown once), list them with their open stream, revoke
/// one (its connections close and its token stops working). The device itself connects to <c>/api/live/ingest</c>.
/// </summary>
public static class DeviceEndpoints
{
    public const string TokenPrefix = "etd_";

    public static void Map(IEndpointRouteBuilder app)
    {
        var devices = app.MapGroup("/api/devices").WithTags("Live monitoring").RequireAuthorization(p => p.RequireRole(Roles.Patient));
        devices.MapPost("/", Create).Produces<NewDeviceView>(StatusCodes.Status201Created).ProducesProblem(400).ProducesProblem(409)
            .WithSummary("Register a device that streams your ECG; its token is in this answer only");
        devices.MapGet("/", List).Produces<List<DeviceView>>().WithSummary("Your devices and their open streams (never the tokens)");
        devices.MapDelete("/{id:guid}", Revoke).Produces(StatusCodes.Status204NoContent).ProducesProblem(404)
            .WithSummary("Revoke a device: its token stops working and its connections close");
    }

    private static async Task<IResult> Create(NewDeviceRequest body, ClaimsPrincipal user, AppDb db, IOptions<ServerOptions> options, TimeProvider time, CancellationToken ct)
    {
        var me = user.UserId();
        var max = options.Value.Live.MaxDevicesPerPatient;
        if (await db.MonitoringDevices.CountAsync(d => d.PatientId == me && d.RevokedAt == null, ct) >= max)
            return Problems.Conflict($"you already have {max} devices, the most allowed; revoke one you no longer use");
        var label = string.IsNullOrWhiteSpace(body.Label) ? "device" : body.Label.Trim();
        var token = TokenPrefix + TokenService.Base64Url(RandomNumberGenerator.GetBytes(32));
        var device = new MonitoringDevice
        {
            Id = Guid.NewGuid(), PatientId = me, Label = label.Length > 100 ? label[..100] : label, TokenHash = TokenService.Hash(token),
            Prefix = token[..10], CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.MonitoringDevices.Add(device);
        await db.SaveChangesAsync(ct);
        return Results.Created($"/api/devices/{device.Id}", new NewDeviceView(device.Id, device.Label, device.Prefix, token));
    }

    private static async Task<IResult> List(ClaimsPrincipal user, AppDb db, CancellationToken ct)
    {
        var me = user.UserId();
        var devices = await db.MonitoringDevices.AsNoTracking().Where(d => d.PatientId == me).OrderBy(d => d.CreatedAt).ToListAsync(ct);
        var open = await db.LiveStreams.AsNoTracking().Where(s => s.PatientId == me && s.State == LiveStreamState.Open).ToListAsync(ct);
        return Results.Ok(devices.Select(d => new DeviceView(d.Id, d.Label, d.Prefix, d.CreatedAt, d.LastSeenAt, d.RevokedAt,
            open.Where(s => s.DeviceId == d.Id).Select(View).FirstOrDefault())).ToList());
    }

    private static async Task<IResult> Revoke(Guid id, ClaimsPrincipal user, AppDb db, LiveSessions sessions, TimeProvider time, CancellationToken ct)
    {
        var answer = await db.RevokeAsync(db.MonitoringDevices.Where(d => d.Id == id && d.PatientId == user.UserId()), "device", time, ct);
        foreach (var stream in await db.LiveStreams.Where(s => s.DeviceId == id && s.State == LiveStreamState.Open).Select(s => s.Id).ToListAsync(ct))
            await sessions.DisconnectAsync(stream);
        return answer;
    }

    public static LiveStreamView View(LiveStream s) => new(s.Id, s.StartedAt, s.LastFrameAt, s.SamplingFrequency, s.SampleCount, s.NextSequence);
}
