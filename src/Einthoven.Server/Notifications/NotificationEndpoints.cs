using System.Security.Claims;
using System.Text.Json;
using Einthoven.Server.Accounts;
using Einthoven.Server.Api;
using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Einthoven.Server.Notifications;

public sealed record NotificationPage(IReadOnlyList<NotificationView> Items, int Total, int Unread, int Page, int PageSize);

public sealed record PreferencesView(IReadOnlyList<KindPreference> Kinds, bool EmailAvailable, string? Language);

public sealed record PreferenceChange(string Kind, bool? InApp, bool? Email);

public sealed record PreferencesRequest(IReadOnlyList<PreferenceChange> Kinds);

/// <summary>What an unsubscribe link stands for: the kind, the account's language for the page, and whether it is done.</summary>
public sealed record UnsubscribeView(string Kind, string Language, bool Unsubscribed);

/// <summary>
/// The bell and the settings: a user's own notifications (shown once due, newest first), the unread count, marking
/// read, the channels per kind; and the unsubscribe link of e-mails, which works without signing in.
/// </summary>
public static class NotificationEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/notifications").WithTags("Notifications").RequireAuthorization();
        group.MapGet("/", List).Produces<NotificationPage>().ProducesProblem(400).WithSummary("Your notifications, newest first (page from 1, pageSize 1-100)");
        group.MapGet("/unread-count", Unread).Produces<UnreadView>().WithSummary("How many of your notifications are unread");
        group.MapPost("/{id:guid}/read", Read).Produces(StatusCodes.Status204NoContent).ProducesProblem(404).WithSummary("Mark one of your notifications read");
        group.MapPost("/read-all", ReadAll).Produces<UnreadView>().WithSummary("Mark all your notifications read");
        group.MapGet("/preferences", Preferences).Produces<PreferencesView>().WithSummary("Your channels (in-app, e-mail) per kind of notification");
        group.MapPut("/preferences", SetPreferences).Produces<PreferencesView>().ProducesProblem(400).WithSummary("Choose your channels per kind of notification");
        var links = app.MapGroup("/api/notifications/unsubscribe").WithTags("Notifications").AllowAnonymous();
        links.MapGet("/{token}", Unsubscription).Produces<UnsubscribeView>().ProducesProblem(404)
            .WithSummary("What an e-mail's unsubscribe link stops (no sign-in: the link is the key)");
        links.MapPost("/{token}", Unsubscribe).Produces<UnsubscribeView>().ProducesProblem(404)
            .WithSummary("Stop e-mails of the link's kind (also the one-click POST of RFC 8058)");
    }

    public static NotificationView View(Notification n, IReadOnlyDictionary<string, string> values) => new(n.Id, n.Kind, values, n.CreatedAt, n.DueAt, n.ReadAt);

    private static IQueryable<Notification> Shown(AppDb db, Guid userId, DateTime now) =>
        db.Notifications.Where(n => n.UserId == userId && n.InApp && n.CancelledAt == null && n.DueAt <= now);

    public static Task<int> UnreadAsync(AppDb db, Guid userId, DateTime now, CancellationToken ct) =>
        Shown(db, userId, now).CountAsync(n => n.ReadAt == null, ct);

    private static async Task<IResult> List(int? page, int? pageSize, ClaimsPrincipal user, AppDb db, TimeProvider time, CancellationToken ct)
    {
        var (p, size) = (page ?? 1, pageSize ?? 20);
        if (p < 1) return Problems.BadRequest("invalid page", "page must be 1 or more", "page");
        if (size is < 1 or > 100) return Problems.BadRequest("invalid pageSize", "pageSize must be 1-100", "pageSize");
        var (me, now) = (user.UserId(), time.GetUtcNow().UtcDateTime);
        var shown = Shown(db, me, now);
        var total = await shown.CountAsync(ct);
        var rows = await shown.AsNoTracking().OrderByDescending(n => n.DueAt).ThenByDescending(n => n.CreatedAt).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        var items = rows.Select(n => View(n, JsonSerializer.Deserialize<Dictionary<string, string>>(n.ValuesJson) ?? [])).ToList();
        return Results.Ok(new NotificationPage(items, total, await UnreadAsync(db, me, now, ct), p, size));
    }

    private static async Task<IResult> Unread(ClaimsPrincipal user, AppDb db, TimeProvider time, CancellationToken ct) =>
        Results.Ok(new UnreadView(await UnreadAsync(db, user.UserId(), time.GetUtcNow().UtcDateTime, ct)));

    private static async Task<IResult> Read(Guid id, ClaimsPrincipal user, AppDb db, TimeProvider time, NotificationPush push, CancellationToken ct)
    {
        var (me, now) = (user.UserId(), time.GetUtcNow().UtcDateTime);
        if (!await Shown(db, me, now).AnyAsync(n => n.Id == id, ct)) return Problems.NotFound("notification");
        await db.Notifications.Where(n => n.Id == id && n.UserId == me && n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
        await push.UnreadAsync(me, await UnreadAsync(db, me, now, ct));
        return Results.NoContent();
    }

    private static async Task<IResult> ReadAll(ClaimsPrincipal user, AppDb db, TimeProvider time, NotificationPush push, CancellationToken ct)
    {
        var (me, now) = (user.UserId(), time.GetUtcNow().UtcDateTime);
        await Shown(db, me, now).Where(n => n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
        var unread = await UnreadAsync(db, me, now, ct);
        await push.UnreadAsync(me, unread);
        return Results.Ok(new UnreadView(unread));
    }

    private static async Task<PreferencesView> PreferencesOf(AppDb db, Guid me, IOptions<ServerOptions> options, CancellationToken ct)
    {
        var language = await db.Users.Where(u => u.Id == me).Select(u => u.Language).SingleOrDefaultAsync(ct);
        return new PreferencesView(await NotificationPreferences.AllAsync(db, me, ct), options.Value.Smtp.Configured, language);
    }

    private static async Task<IResult> Preferences(ClaimsPrincipal user, AppDb db, IOptions<ServerOptions> options, CancellationToken ct) =>
        Results.Ok(await PreferencesOf(db, user.UserId(), options, ct));

    private static async Task<IResult> SetPreferences(PreferencesRequest body, ClaimsPrincipal user, AppDb db, TimeProvider time, IOptions<ServerOptions> options, CancellationToken ct)
    {
        if (body.Kinds is null) return Problems.BadRequest("kinds required", "kinds lists {kind, inApp, email}", "kinds");
        foreach (var change in body.Kinds)
            if (!NotificationPreferences.Kinds.Contains(change.Kind))
                return Problems.BadRequest("unknown kind", $"kind must be one of {string.Join(", ", NotificationPreferences.Kinds)}", "kind");
        var me = user.UserId();
        foreach (var change in body.Kinds) await NotificationPreferences.SetAsync(db, me, change.Kind, change.InApp, change.Email, time.GetUtcNow().UtcDateTime, ct);
        await db.SaveChangesAsync(ct);
        return Results.Ok(await PreferencesOf(db, me, options, ct));
    }

    private static async Task<IResult> Unsubscription(string token, AppDb db, UnsubscribeLinks links, CancellationToken ct)
    {
        if (await links.FindAsync(token, ct) is not { } found) return Problems.NotFound("unsubscribe link");
        var preference = await NotificationPreferences.OfAsync(db, found.UserId, found.Kind, ct);
        return Results.Ok(new UnsubscribeView(found.Kind, await LanguageOf(db, found.UserId, ct), !preference.Email));
    }

    private static async Task<IResult> Unsubscribe(string token, AppDb db, UnsubscribeLinks links, TimeProvider time, ILoggerFactory logs, CancellationToken ct)
    {
        if (await links.FindAsync(token, ct) is not { } found) return Problems.NotFound("unsubscribe link");
        if (NotificationKinds.Critical.Contains(found.Kind)) return Problems.Conflict("this kind of message cannot be switched off by a link");
        var now = time.GetUtcNow().UtcDateTime;
        await NotificationPreferences.SetAsync(db, found.UserId, found.Kind, inApp: null, email: false, now, ct);
        found.UsedAt = now;
        await db.SaveChangesAsync(ct);
        logs.CreateLogger("Einthoven.Notifications").LogInformation("e-mails of kind {Kind} switched off by an unsubscribe link", found.Kind);
        return Results.Ok(new UnsubscribeView(found.Kind, await LanguageOf(db, found.UserId, ct), true));
    }

    private static async Task<string> LanguageOf(AppDb db, Guid userId, CancellationToken ct) =>
        Localization.Languages.Normalise(await db.Users.Where(u => u.Id == userId).Select(u => u.Language).SingleOrDefaultAsync(ct)) ?? Localization.Languages.Default;
}

/// <summary>Registration and routes of the notifications (issue 27).</summary>
public static class NotificationSetup
{
    public static void AddNotifications(this IServiceCollection services, ServerOptions options)
    {
        services.AddSingleton<OutboxSignal>();
        services.AddScoped<INotificationQueue, NotificationQueue>();
        services.AddScoped<UnsubscribeLinks>();
        services.AddSingleton<NotificationPush>();
        services.AddSingleton<OutboxSender>();
        if (options.Notifications.RunSender) services.AddHostedService(sp => sp.GetRequiredService<OutboxSender>());
    }

    public static void Map(WebApplication app)
    {
        NotificationEndpoints.Map(app);
        app.MapHub<NotificationHub>(NotificationHub.Path);
    }
}
