using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using Einthoven.Server.Demo;
using Einthoven.Server.Tests.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Einthoven.Server.Tests;

/// <summary>Running the server: the demo accounts' passwords, and downloading the demo's recordings (where it finds its files: <see cref="Units.HostPathsTests"/>).</summary>
public abstract class OperabilityTests(ServerFixture fixture)
{
    [ProviderFact]
    public async Task Demo_passwords_go_to_a_private_file_and_the_console_names_only_the_file()
    {
        await using var host = new ServerHost(fixture.Provider, new Dictionary<string, string?> { ["Einthoven:Analysis:RunWorker"] = "false" });
        var console = await SeedAsync(host);
        var path = Path.Combine(host.DataFolder, DemoSeeder.FileName);
        Assert.Contains(path, console);
        Assert.DoesNotContain("Demo-", console);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        var accounts = DemoAccounts(path);
        Assert.Equal(["admin", "cardiologist", "clinicadmin", "doctor", "monitor", "paramedic", "patient", "researcher"], accounts.Keys.Order());
        foreach (var (email, password) in accounts.Values)
            await (await host.Client().PostJsonAsync("/api/auth/token", new { email, password })).JsonAsync(HttpStatusCode.Created);
        var monitor = await TokenClientAsync(host, accounts["monitor"]);
        var monitored = await (await monitor.GetAsync("/api/monitoring/patients")).JsonAsync();
        Assert.Equal("Demo Patient", monitored.EnumerateArray().Single().Str("name"));
        var queue = await (await (await TokenClientAsync(host, accounts["cardiologist"])).GetAsync("/api/verification/queue")).JsonAsync();
        Assert.Equal(("ambulatory-ectopy", "Demo Patient"), (queue.EnumerateArray().Single().Str("recordingName"), queue.EnumerateArray().Single().Str("patientName")));
    }

    [ProviderFact]
    public async Task A_demo_recording_downloads_in_its_original_format_and_a_refused_download_is_not_audited()
    {
        await using var host = new ServerHost(fixture.Provider, new Dictionary<string, string?> { ["Einthoven:Analysis:RunWorker"] = "false" });
        await SeedAsync(host);
        var accounts = DemoAccounts(Path.Combine(host.DataFolder, DemoSeeder.FileName));
        var patient = await TokenClientAsync(host, accounts["patient"]);
        var doctor = await TokenClientAsync(host, accounts["doctor"]);
        var key = await (await patient.PostJsonAsync("/api/access-keys", new { label = "demo doctor" })).JsonAsync(HttpStatusCode.Created);
        await (await doctor.PostJsonAsync("/api/grants", new { patientEmail = accounts["patient"].Email, key = key.Str("key") })).JsonAsync(HttpStatusCode.Created);
        var recording = (await (await patient.GetAsync("/api/recordings")).JsonAsync()).EnumerateArray().First().Id();

        var refused = await (await doctor.GetAsync($"/api/recordings/{recording}/download?format=no-such-format")).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("format", refused.Str("field"));
        Assert.Equal(0, await Downloads(host));
        using var original = await doctor.GetAsync($"/api/recordings/{recording}/download?format=original");
        Assert.True(original.StatusCode == HttpStatusCode.OK, await original.Content.ReadAsStringAsync());
        using var zip = new ZipArchive(await original.Content.ReadAsStreamAsync());
        Assert.Contains(zip.Entries, e => e.Name.EndsWith(".hea"));
        Assert.Equal(1, await Downloads(host));
    }

    private static async Task<string> SeedAsync(ServerHost host)
    {
        var console = new StringWriter();
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(console, CancellationToken.None);
        return console.ToString();
    }

    private static Dictionary<string, (string Email, string Password)> DemoAccounts(string path) =>
        Regex.Matches(File.ReadAllText(path), @"Demo (\w+): (\S+)\s+password: (\S+)")
            .ToDictionary(m => m.Groups[1].Value, m => (m.Groups[2].Value, m.Groups[3].Value));

    private static async Task<HttpClient> TokenClientAsync(ServerHost host, (string Email, string Password) account)
    {
        var token = await (await host.Client().PostJsonAsync("/api/auth/token", new { email = account.Email, password = account.Password })).JsonAsync(HttpStatusCode.Created);
        return host.Client(token.Str("token"));
    }

    private static Task<int> Downloads(ServerHost host) => host.DbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "recording.download"));
}

[Collection("sqlite")]
public sealed class SqliteOperabilityTests(SqliteFixture fixture) : OperabilityTests(fixture);

[Collection("postgres"), UsesPostgres]
public sealed class PostgresOperabilityTests(PostgresFixture fixture) : OperabilityTests(fixture);
