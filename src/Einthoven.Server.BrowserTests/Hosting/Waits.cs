namespace Einthoven.Server.BrowserTests.Hosting;

public static class Waits
{
    /// <summary>
    /// How long a journey waits for an upload to be stored and analysed: the analysis of a 30-minute MIT-BIH record
    /// takes seconds alone, but CI runs the other test projects on the same 2 cores at the same time.
    /// </summary>
    public const float Analysis = 120_000;
}
