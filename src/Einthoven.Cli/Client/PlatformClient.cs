using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Einthoven.Cli.Client;

/// <summary>The server's REST API as the CLI uses it. Failures become <see cref="PlatformException"/> with the server's problem detail.</summary>
public sealed class PlatformClient(HttpClient http)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<JsonElement> SignInAsync(string email, string password, string tokenName) =>
        await SendAsync(new HttpRequestMessage(HttpMethod.Post, "api/auth/token") { Content = JsonContent.Create(new { email, password, name = tokenName }, options: Json) });

    public Task<JsonElement> UploadAsync(IReadOnlyList<string> files, IReadOnlyDictionary<string, string> fields) =>
        PostFilesAsync("api/recordings", files, fields);

    /// <summary>The 12-lead statements of a record's files (the server's model, or the one named).</summary>
    public Task<JsonElement> ClassifyTwelveLeadAsync(IReadOnlyList<string> files, string? model) =>
        PostFilesAsync(model is null ? "api/classify/12-lead" : $"api/classify/12-lead?model={Uri.EscapeDataString(model)}", files, new Dictionary<string, string>());

    private async Task<JsonElement> PostFilesAsync(string path, IReadOnlyList<string> files, IReadOnlyDictionary<string, string> fields)
    {
        using var form = new MultipartFormDataContent();
        var streams = new List<Stream>();
        try
        {
            foreach (var file in files)
            {
                var stream = File.OpenRead(file);
                streams.Add(stream);
                var content = new StreamContent(stream);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                form.Add(content, "files", Path.GetFileName(file));
            }
            foreach (var (k, v) in fields) form.Add(new StringContent(v), k);
            return await SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = form });
        }
        finally
        {
            foreach (var s in streams) await s.DisposeAsync();
        }
    }

    public Task<JsonElement> RecordingsAsync(Guid? patientId) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, patientId is null ? "api/recordings" : $"api/recordings?patientId={patientId}"));

    /// <summary>Downloads into <paramref name="output"/>; returns the file name the server suggested.</summary>
    public async Task<string?> DownloadAsync(Guid id, string? format, Stream output)
    {
        var url = $"api/recordings/{id}/download" + (format is null ? "" : $"?format={Uri.EscapeDataString(format)}");
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        await EnsureSuccessAsync(response);
        await response.Content.CopyToAsync(output);
        return response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"');
    }

    /// <summary>Registers a monitoring device for the signed-in patient; the answer holds its token (once).</summary>
    public async Task<JsonElement> CreateDeviceAsync(string label) =>
        await SendAsync(new HttpRequestMessage(HttpMethod.Post, "api/devices") { Content = JsonContent.Create(new { label }, options: Json) });

    /// <summary>The alerts the live analysis raised on one of the signed-in patient's streams.</summary>
    public Task<JsonElement> MyAlertsAsync(Guid stream) => SendAsync(new HttpRequestMessage(HttpMethod.Get, $"api/monitoring/my-alerts?streamId={stream}"));

    /// <summary>The signed-in patient's enrolment for live monitoring, or null when there is none.</summary>
    public async Task<JsonElement?> EnrolmentAsync()
    {
        try { return await SendAsync(new HttpRequestMessage(HttpMethod.Get, "api/monitoring/enrolment")); }
        catch (PlatformException e) when (e.Status == 404) { return null; }
    }

    public Uri Server => http.BaseAddress!;

    private async Task<JsonElement> SendAsync(HttpRequestMessage request)
    {
        using var response = await http.SendAsync(request);
        await EnsureSuccessAsync(response);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response)
    {
        if (response.IsSuccessStatusCode) return;
        var body = await response.Content.ReadAsStringAsync();
        string? detail = null;
        try
        {
            var problem = JsonDocument.Parse(body).RootElement;
            detail = problem.TryGetProperty("detail", out var d) ? d.GetString() : problem.TryGetProperty("title", out var t) ? t.GetString() : null;
        }
        catch (JsonException) { }
        throw new PlatformException((int)response.StatusCode, $"server answered {(int)response.StatusCode} {response.ReasonPhrase}: {detail ?? body}");
    }
}

/// <summary>The server refused or failed a request.</summary>
public sealed class PlatformException(int status, string message) : IOException(message)
{
    public int Status { get; } = status;
}
