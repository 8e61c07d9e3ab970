namespace Einthoven.Server.BrowserTests.Hosting;

public static class Waits
{
    /// <summary>
    /// How long a journey waits for an upload to be stored and analysed: the analysis of a 30-minute MIT-BIH record
    /// takes seconds alone, but CI runs the other test projects on the same 2 cores at the same time.
    /// </summary>
    public const float Analysis = 120_000;

    /// <summary>
    /// How long any other expectation waits (Playwright's default is 5 s): a page update is quick, but while the other
    /// test projects train and evaluate models on the same 2 cores a request can wait its turn for several seconds.
    /// </summary>
    public const float Page = 20_000;
}
