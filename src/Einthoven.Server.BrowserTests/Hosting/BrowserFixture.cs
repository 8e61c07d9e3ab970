using Einthoven.Server.Tests.Hosting;
namespace Einthoven.Server.BrowserTests.Hosting;

/// <summary>One live server and one Chromium for every journey (each journey opens its own browser profiles).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private LiveServer? _server;
    private Browser? _browser;

    public LiveServer Server => _server ?? throw new InvalidOperationException("fixture not initialised");
    public Browser Browser => _browser ?? throw new InvalidOperationException("fixture not initialised");

    public async Task InitializeAsync()
    {
        // Notification e-mails go to the test SMTP server where one runs (.ci/smtp.sh), so journeys can read them back.
        _server = new LiveServer(TestSmtp.Endpoint is not null && TestSmtp.Maildir is not null ? TestSmtp.Settings() : null);
        _browser = await Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        if (_server is not null) await _server.DisposeAsync();
    }

    public Task<Tab> OpenAsync(Device device, string locale = "en-GB") => Browser.OpenAsync(Server, device, locale);

    public static Device DeviceNamed(string name) => name == "phone" ? Device.Phone : Device.Desktop;
}

[CollectionDefinition("browser")]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>;
