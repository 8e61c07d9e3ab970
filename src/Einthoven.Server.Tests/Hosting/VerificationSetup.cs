using System.Net;
using System.Text.Json;
using Einthoven.Server.Accounts;

namespace Einthoven.Server.Tests.Hosting;

public sealed record Account(Guid Id, string Email, HttpClient Client);

/// <summary>
/// The verification queue's people and steps through the API: cardiologists (and other accounts an admin makes), a
/// patient with an analysed recording, assignments, pushes, and a cardiologist's set.
/// </summary>
public static class VerificationSetup
{
    public const string Password = "Staff-Pass-1234";

    /// <summary>An account with one role (made as an admin would), signed in with a token.</summary>
    public static async Task<Account> AccountAsync(ServerHost host, string role, string tag)
    {
        var email = $"{role.ToLowerInvariant()}-{tag}-{Guid.NewGuid():N}"[..40] + "@test.local";
        var id = await host.CreateUserAsync(email, Password, role);
        return new Account(id, email, await host.SignInAsync(email, Password));
    }

    /// <summary>A newly registered patient with one analysed recording (synthetic, with ventricular ectopy).</summary>
    public static async Task<(Account Patient, Guid Recording)> PatientWithRecordingAsync(World world, string tag, int seconds = 30)
    {
        var email = $"patient-{tag}-{Guid.NewGuid():N}"[..40] + "@test.local";
        var client = await world.Host.NewPatientAsync(email);
        var me = (await (await client.GetAsync("/api/me")).JsonAsync()).Id();
        var files = TestRecords.WfdbFiles(TestRecords.Synthetic($"verify-{tag}", seconds, seed: 31, pvc: 0.15));
        var recording = (await (await client.UploadAsync(files)).JsonAsync(HttpStatusCode.Created)).GetProperty("recording").Id();
        Assert.Equal("Succeeded", (await world.WaitForAnalysisAsync(recording, client)).GetProperty("job").Str("state"));
        return (new Account(me, email, client), recording);
    }

    public static async Task<Account> AssignedCardiologistAsync(World world, Guid patient, string tag)
    {
        var cardiologist = await AccountAsync(world.Host, Roles.Cardiologist, tag);
        await (await world.Actors[Who.Admin].Client.PostJsonAsync("/api/admin/verification/assignments", new { cardiologistId = cardiologist.Id, patientId = patient }))
            .JsonAsync(HttpStatusCode.Created);
        return cardiologist;
    }

    public static async Task<Guid> PushAsync(HttpClient client, Guid recording, Guid? organisationId = null) =>
        (await (await client.PostJsonAsync($"/api/recordings/{recording}/verification", new { organisationId })).JsonAsync(HttpStatusCode.Created)).Id();

    /// <summary>Starts the cardiologist's set of a request: the answer's set and beats.</summary>
    public static async Task<(Guid Set, JsonElement[] Beats)> StartAsync(HttpClient cardiologist, Guid request)
    {
        var detail = await (await cardiologist.PostJsonAsync($"/api/verification/requests/{request}/sets", new { })).JsonAsync(HttpStatusCode.Created);
        return (detail.GetProperty("set").Id(), detail.GetProperty("beats").EnumerateArray().ToArray());
    }

    public static Task<HttpResponseMessage> EditAsync(HttpClient cardiologist, Guid set, params object[] operations) =>
        cardiologist.PostJsonAsync($"/api/verification/sets/{set}/edits", new { operations });

    public static async Task<JsonElement[]> BeatsAsync(HttpClient reader, Guid set) =>
        (await (await reader.GetAsync($"/api/verification/sets/{set}")).JsonAsync()).GetProperty("beats").EnumerateArray().ToArray();
}
