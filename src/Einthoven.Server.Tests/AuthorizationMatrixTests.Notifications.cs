using Einthoven.Server.Notifications;
using Einthoven.Server.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Einthoven.Server.Tests;

/// <summary>
/// The notifications' rows (issue 27): every signed-in user has their own bell and preferences; nobody reads or marks
/// another's notification (404). The unsubscribe link is its own key: anyone holding it may use it, signed in or not.
/// </summary>
public abstract partial class AuthorizationMatrixTests
{
    private async Task<Guid> OwnersNotificationAsync()
    {
        await using (var scope = fixture.Host.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<INotificationQueue>().EnqueueAsync(W.Owner.Id, NotificationKinds.ResultsReady,
                new Dictionary<string, string> { ["clinic"] = "Matrix clinic", ["service"] = "ECG" });
        var list = await (await W.Owner.Client.GetAsync("/api/notifications")).JsonAsync();
        return list.GetProperty("items")[0].Id();
    }

    [ProviderFact]
    [Covers("GET /api/notifications")]
    [Covers("GET /api/notifications/unread-count")]
    public async Task Own_notifications()
    {
        var id = await OwnersNotificationAsync();
        await Check(HttpMethod.Get, _ => "/api/notifications", Matrix.AnyUser(), (who, body) =>
        {
            if (who == Who.Owner) Assert.Contains(id.ToString(), body);
            else Assert.DoesNotContain(id.ToString(), body);
        });
        await Check(HttpMethod.Get, _ => "/api/notifications/unread-count", Matrix.AnyUser());
    }

    [ProviderFact]
    [Covers("POST /api/notifications/{id:guid}/read")]
    [Covers("POST /api/notifications/read-all")]
    public async Task Marking_notifications_read()
    {
        var id = await OwnersNotificationAsync();
        await Check(HttpMethod.Post, _ => $"/api/notifications/{id}/read", new Matrix(401, 204, 404, 404, 404, 404, 404, 404));
        await Check(HttpMethod.Post, _ => "/api/notifications/read-all", Matrix.AnyUser());
    }

    [ProviderFact]
    [Covers("GET /api/notifications/preferences")]
    [Covers("PUT /api/notifications/preferences")]
    public async Task Notification_preferences()
    {
        await Check(HttpMethod.Get, _ => "/api/notifications/preferences", Matrix.AnyUser());
        await Check(HttpMethod.Put, _ => "/api/notifications/preferences", Matrix.AnyUser(),
            body: new { kinds = new[] { new { kind = NotificationKinds.ResultsReady, inApp = true, email = true } } });
    }

    [ProviderFact]
    [Covers("GET /api/notifications/unsubscribe/{token}")]
    [Covers("POST /api/notifications/unsubscribe/{token}")]
    public async Task Unsubscribe_links()
    {
        string secret;
        await using (var scope = fixture.Host.Services.CreateAsyncScope())
            secret = (await scope.ServiceProvider.GetRequiredService<UnsubscribeLinks>().SecretAsync(W.Owner.Id, NotificationKinds.ResultsReady, CancellationToken.None))!;
        var everyone = new Matrix(200, 200, 200, 200, 200, 200, 200, 200);
        await Check(HttpMethod.Get, _ => $"/api/notifications/unsubscribe/{secret}", everyone, (_, body) => Assert.DoesNotContain(W.Owner.Email, body));
        await Check(HttpMethod.Post, _ => $"/api/notifications/unsubscribe/{secret}", everyone, (_, body) => Assert.DoesNotContain(W.Owner.Email, body));
        await Check(HttpMethod.Post, _ => "/api/notifications/unsubscribe/unsub_unknown", new Matrix(404, 404, 404, 404, 404, 404, 404, 404));
    }
}
