using Microsoft.Playwright;

namespace Einthoven.Server.BrowserTests.Hosting;

public sealed record Person(string Name, string Email, string Password);

/// <summary>Steps the journeys share: new people, registration through the form, uploads through the API.</summary>
public static class People
{
    public static Person New(string role) =>
        new($"{char.ToUpperInvariant(role[0])}{role[1..]} {Guid.NewGuid().ToString("N")[..4]}", $"{role}-{Guid.NewGuid():N}@example.test", "Correct-Horse-42");

    public static async Task RegisterAsync(Tab tab, Person person)
    {
        await tab.GotoAsync("/");
        await tab.Page.ClickAsync("text=Create a patient account");
        await tab.Page.FillAsync("#register-name", person.Name);
        await tab.Page.FillAsync("#register-email", person.Email);
        await tab.Page.FillAsync("#register-password", person.Password);
        await tab.Page.FillAsync("#register-confirm", person.Password);
        await tab.Page.ClickAsync("form button[type=submit]");
        await tab.Page.Locator(".dropzone").WaitForAsync();
    }

    /// <summary>Uploads files with the tab's session (the UI's own upload is exercised by the patient journey).</summary>
    public static async Task<string> UploadAsync(Tab tab, params string[] files)
    {
        var form = tab.Page.Context.APIRequest.CreateFormData();
        foreach (var file in files)
            form.Append("files", new FilePayload { Name = Path.GetFileName(file), MimeType = "application/octet-stream", Buffer = await File.ReadAllBytesAsync(file) });
        // The session cookie's changes must name this origin, as the browser's own requests do (Api/SameOrigin).
        var origin = new Uri(tab.Page.Url).GetLeftPart(UriPartial.Authority);
        var response = await tab.Page.Context.APIRequest.PostAsync("/api/recordings",
            new APIRequestContextOptions { Multipart = form, Headers = new Dictionary<string, string> { ["Origin"] = origin } });
        Assert.True(response.Status == 201, $"upload: {response.Status} {await response.TextAsync()}");
        var body = await response.JsonAsync();
        return body!.Value.GetProperty("recording").GetProperty("id").GetString()!;
    }

    /// <summary>Drops files on the upload zone as a person would, through a drop event carrying them.</summary>
    public static async Task DropAsync(Tab tab, string[] files)
    {
        var payload = files.Select(f => new { name = Path.GetFileName(f), data = Convert.ToBase64String(File.ReadAllBytes(f)) }).ToArray();
        var transfer = await tab.Page.EvaluateHandleAsync("""
            files => {
              const dt = new DataTransfer();
              for (const f of files) dt.items.add(new File([Uint8Array.from(atob(f.data), c => c.charCodeAt(0))], f.name));
              return dt;
            }
            """, payload);
        await tab.Page.DispatchEventAsync(".dropzone", "drop", new { dataTransfer = transfer });
    }
}
