namespace Einthoven.Server.Api;

/// <summary>The minimal page at / until the web UI arrives: what this is, where the API is documented.</summary>
public static class LandingPage
{
    public const string Html = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Einthoven</title></head>
        <body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem">
        <h1>Einthoven</h1>
        <p>An open ECG platform. The REST API is documented at <a href="/docs">/docs</a>.</p>
        <p><strong>Not a certified medical device.</strong> Einthoven is a decision-support and research tool.</p>
        </body></html>
        """;
}
