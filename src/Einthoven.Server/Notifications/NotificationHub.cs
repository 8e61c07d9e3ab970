using Einthoven.Server.Accounts;
using Einthoven.Server.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Einthoven.Server.Notifications;

/// <summary>
/// /hubs/notifications: every signed-in user hears their own notifications ("notification") as they are delivered and
/// their unread count ("unread") whenever it changes. Each connection joins only its user's group.
/// </summary>
[Authorize]
public sealed class NotificationHub : Hub
{
    public const string Path = "/hubs/notifications";

    public static string UserGroup(Guid id) => $"user-{id}";

    public override Task OnConnectedAsync() => Groups.AddToGroupAsync(Context.ConnectionId, UserGroup(Context.User!.UserId()));
}

/// <summary>What the bell hears. Pushes reach this process's connections (in the scale-out profile, a user on another
/// process sees the notification at the next poll of the bell's count instead).</summary>
public sealed class NotificationPush(IHubContext<NotificationHub> hub)
{
    public Task NotificationAsync(Guid userId, NotificationView view, int unread) => Task.WhenAll(
        hub.Clients.Group(NotificationHub.UserGroup(userId)).SendAsync("notification", view),
        UnreadAsync(userId, unread));

    public Task UnreadAsync(Guid userId, int unread) =>
        hub.Clients.Group(NotificationHub.UserGroup(userId)).SendAsync("unread", new UnreadView(unread));
}

public sealed record UnreadView(int Unread);

/// <summary>A notification in the app: its kind and values (the web UI renders the kind's text in the user's language).</summary>
public sealed record NotificationView(Guid Id, string Kind, IReadOnlyDictionary<string, string> Values, DateTime CreatedAt, DateTime DueAt, DateTime? ReadAt);
