using System.Globalization;
using System.Text;
using Einthoven.Server.Localization;
using MimeKit;

namespace Einthoven.Server.Notifications;

/// <summary>A notification's e-mail in one language: subject, plain text and a simple HTML version of the same text.</summary>
public sealed record RenderedMail(string Subject, string Text, string Html);

/// <summary>
/// Renders notifications from the server's texts (Localization/Texts/{language}/notifications.json: per kind a subject
/// and a body with {clinic}, {service}, {start} ...), in the user's language, and builds the MIME message.
/// </summary>
public static class NotificationMail
{
    /// <summary>
    /// The values as the text shows them: <c>start</c> (ISO 8601 with the clinic's offset) as that local time, in the
    /// language's long date and short time; <c>service</c> (a clinic service kind) by its name in the language; the
    /// others as given.
    /// </summary>
    public static (string Name, object? Value)[] Display(Texts texts, IReadOnlyDictionary<string, string> values, string language)
    {
        var culture = Languages.Culture(language);
        return values.Select(kv => (kv.Key, (object?)(kv.Key switch
        {
            "start" when DateTimeOffset.TryParse(kv.Value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) => at.DateTime.ToString("f", culture),
            "service" when texts.All(language).TryGetValue($"clinics.service.{kv.Value}", out var name) => name,
            _ => kv.Value,
        }))).ToArray();
    }

    public static RenderedMail Render(Texts texts, string kind, string language, IReadOnlyDictionary<string, string> values, string? unsubscribeUrl, string settingsUrl)
    {
        var shown = Display(texts, values, language);
        var subject = texts.Get(language, $"notifications.{kind}.subject", shown);
        var body = texts.Get(language, $"notifications.{kind}.body", shown);
        var footer = unsubscribeUrl is null
            ? texts.Get(language, "notifications.mail.critical", ("url", settingsUrl))
            : texts.Get(language, "notifications.mail.unsubscribe", ("url", unsubscribeUrl));
        var signature = texts.Get(language, "notifications.mail.signature");
        var text = $"{body}\n\n-- \n{signature}\n{footer}\n";

        var html = new StringBuilder();
        html.Append($"<!doctype html><html lang=\"{(language == Languages.Uzbek ? "uz-Latn" : language)}\"><head><meta charset=\"utf-8\"><title>")
            .Append(Escape(subject)).Append("</title></head><body style=\"font-family:sans-serif;line-height:1.5\">");
        foreach (var paragraph in body.Split("\n\n"))
            html.Append("<p>").Append(Escape(paragraph).Replace("\n", "<br>")).Append("</p>");
        html.Append("<hr><p style=\"color:#666;font-size:90%\">").Append(Escape(signature)).Append("<br>")
            .Append(Linked(footer, unsubscribeUrl ?? settingsUrl)).Append("</p></body></html>");
        return new RenderedMail(subject, text, html.ToString());
    }

    /// <summary>Escapes markup only (letters stay as they are, readable in the source of the e-mail).</summary>
    private static string Escape(string text) =>
        text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;");

    /// <summary>The footer with its address as a link.</summary>
    private static string Linked(string footer, string url)
    {
        var encoded = Escape(footer);
        var link = Escape(url);
        return encoded.Replace(link, $"<a href=\"{link}\">{link}</a>");
    }

    /// <summary>
    /// The message of one delivery: a Message-ID derived from the delivery's id (the same on every attempt, so that
    /// mail systems can drop a duplicate), and for kinds one may unsubscribe from, List-Unsubscribe with the one-click
    /// POST of RFC 8058.
    /// </summary>
    public static MimeMessage Build(Guid deliveryId, string from, string to, string language, RenderedMail mail, string? oneClickUrl)
    {
        var sender = MailboxAddress.Parse(from);
        var message = new MimeMessage { Subject = mail.Subject };
        message.From.Add(sender);
        message.To.Add(MailboxAddress.Parse(to));
        var domain = sender.Address.Contains('@') ? sender.Address[(sender.Address.LastIndexOf('@') + 1)..] : "einthoven.local";
        message.MessageId = MessageId(deliveryId, domain);
        message.Headers.Add("Auto-Submitted", "auto-generated");
        if (oneClickUrl is not null)
        {
            message.Headers.Add("List-Unsubscribe", $"<{oneClickUrl}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        message.Body = new BodyBuilder { TextBody = mail.Text, HtmlBody = mail.Html }.ToMessageBody();
        message.Body.Headers.Add(HeaderId.ContentLanguage, language);
        return message;
    }

    public static string MessageId(Guid deliveryId, string domain) => $"notification-{deliveryId:N}@{domain}";
}
