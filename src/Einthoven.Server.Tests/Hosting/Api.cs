using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Einthoven.Server.Tests.Hosting;

/// <summary>Small helpers for calling the API from tests.</summary>
public static class Api
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, Json);

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, object body) =>
        client.PutAsJsonAsync(url, body, Json);

    public static async Task<HttpResponseMessage> UploadAsync(this HttpClient client, IEnumerable<string> files, IDictionary<string, string>? fields = null)
    {
        using var form = new MultipartFormDataContent();
        foreach (var file in files)
        {
            var content = new ByteArrayContent(await File.ReadAllBytesAsync(file));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(content, "files", Path.GetFileName(file));
        }
        foreach (var (k, v) in fields ?? new Dictionary<string, string>()) form.Add(new StringContent(v), k);
        return await client.PostAsync("/api/recordings", form);
    }

    public static async Task<HttpResponseMessage> UploadBytesAsync(this HttpClient client, string fileName, byte[] bytes)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(bytes), "files", fileName);
        return await client.PostAsync("/api/recordings", form);
    }

    /// <summary>A recording's analysis once its job has ended (succeeded or failed); a <see cref="TimeoutException"/> after <paramref name="seconds"/>.</summary>
    public static async Task<JsonElement> AnalysisAsync(this HttpClient client, Guid recording, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var analysis = await (await client.GetAsync($"/api/recordings/{recording}/analysis")).JsonAsync();
            var state = analysis.GetProperty("job").Str("state");
            if (state is "Succeeded" or "Failed") return analysis;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"analysis of {recording} still {state}");
            await Task.Delay(100);
        }
    }

    public static Guid Id(this JsonElement e) => e.GetProperty("id").GetGuid();

    public static string Str(this JsonElement e, string name) => e.GetProperty(name).GetString() ?? "";
}
