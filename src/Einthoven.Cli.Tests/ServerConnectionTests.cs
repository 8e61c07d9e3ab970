using System.Net;
using System.Net.Sockets;

namespace Einthoven.Cli.Tests;

public class ServerConnectionTests
{
    [Fact]
    public void A_server_that_cannot_be_reached_is_a_clear_error_with_exit_code_4_not_a_crash()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens on the port any more
        var config = Path.Combine(Path.GetTempPath(), $"einthoven-test-{Guid.NewGuid():N}.json");

        var (code, _, err) = CliHarness.Run("login", "--server", $"http://127.0.0.1:{port}", "--email", "patient@example.org", "--password", "secret", "--config", config);

        Assert.Equal(CliRunner.ExitCodes.Failed, code);
        Assert.Contains("cannot reach the server", err);
        Assert.DoesNotContain("secret", err);
        Assert.False(File.Exists(config));
    }
}
