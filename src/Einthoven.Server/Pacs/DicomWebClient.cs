using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MimeKit;

namespace Einthoven.Server.Pacs;

/// <summary>One DICOM instance as a QIDO-RS search describes it.</summary>
public sealed record PacsInstance(string StudyInstanceUid, string SeriesInstanceUid, string SopInstanceUid, string SopClassUid,
    string? PatientId, string? PatientName, string? StudyDate, string? StudyTime, string? Modality);

/// <summary>A PACS that answered with an error or could not be reached: the reason, never the PACS's body in full.</summary>
public sealed class PacsException(string message) : Exception(message);

/// <summary>
/// The three DICOMweb services (PS3.18) the platform uses against a PACS: STOW-RS to store a Part 10 file, QIDO-RS to
/// find instances, WADO-RS to retrieve one as a Part 10 file.
/// </summary>
public sealed class DicomWebClient(HttpClient http, Microsoft.Extensions.Options.IOptions<ServerOptions> settings)
{
    private const string Dicom = "application/dicom";
    private PacsOptions Options => settings.Value.Pacs;

    /// <summary>Stores one DICOM Part 10 file; fails unless the PACS lists it among the stored instances.</summary>
    public async Task StoreAsync(Stream part10, CancellationToken ct)
    {
        var boundary = $"einthoven-{Guid.NewGuid():N}";
        var body = new MultipartContent("related", boundary);
        body.Headers.ContentType!.Parameters.Add(new NameValueHeaderValue("type", $"\"{Dicom}\""));
        var part = new StreamContent(part10);
        part.Headers.ContentType = new MediaTypeHeaderValue(Dicom);
        body.Add(part);
        using var request = Request(HttpMethod.Post, "studies");
        request.Content = body;
        request.Headers.Accept.ParseAdd("application/dicom+json");
        using var response = await SendAsync(request, ct);
        var answer = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode) throw new PacsException($"the PACS refused the instance (HTTP {(int)response.StatusCode})");
        using var json = JsonDocument.Parse(answer.Length == 0 ? "{}" : answer);
        if (json.RootElement.TryGetProperty("00081198", out var failed) && failed.TryGetProperty("Value", out var items) && items.GetArrayLength() > 0)
            throw new PacsException("the PACS refused the instance (it is listed under Failed SOP Sequence)");
    }

    /// <summary>ECG waveform instances (modality ECG) whose Patient ID is <paramref name="patientId"/>, or all when null.</summary>
    public async Task<List<PacsInstance>> SearchAsync(string? patientId, CancellationToken ct)
    {
        var query = new StringBuilder($"instances?Modality=ECG&limit={Options.MaxSearchResults}&includefield=00100010&includefield=00080020&includefield=00080030");
        if (!string.IsNullOrWhiteSpace(patientId)) query.Append("&PatientID=").Append(Uri.EscapeDataString(patientId));
        using var request = Request(HttpMethod.Get, query.ToString());
        request.Headers.Accept.ParseAdd("application/dicom+json");
        using var response = await SendAsync(request, ct);
        if (!response.IsSuccessStatusCode) throw new PacsException($"the PACS search failed (HTTP {(int)response.StatusCode})");
        var text = await response.Content.ReadAsStringAsync(ct);
        if (text.Length == 0) return [];
        using var json = JsonDocument.Parse(text);
        return json.RootElement.EnumerateArray().Take(Options.MaxSearchResults).Select(Instance).Where(i => i is not null).Select(i => i!).ToList();
    }

    /// <summary>One instance as a DICOM Part 10 file, bounded by <see cref="PacsOptions.MaxInstanceBytes"/>.</summary>
    public async Task<byte[]> RetrieveAsync(string study, string series, string instance, CancellationToken ct)
    {
        foreach (var uid in new[] { study, series, instance })
            if (!IsUid(uid)) throw new PacsException($"'{uid}' is not a DICOM UID");
        using var request = Request(HttpMethod.Get, $"studies/{study}/series/{series}/instances/{instance}");
        request.Headers.TryAddWithoutValidation("Accept", $"multipart/related; type=\"{Dicom}\"");
        using var response = await SendAsync(request, ct, HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound) throw new PacsException("the PACS has no such instance");
        if (!response.IsSuccessStatusCode) throw new PacsException($"the PACS retrieval failed (HTTP {(int)response.StatusCode})");
        if (response.Content.Headers.ContentLength > Options.MaxInstanceBytes) throw new PacsException($"the instance is larger than {Options.MaxInstanceBytes} bytes");
        var bytes = await ReadBoundedAsync(await response.Content.ReadAsStreamAsync(ct), ct);
        var contentType = response.Content.Headers.ContentType?.ToString() ?? "";
        if (!contentType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase)) return bytes;
        var entity = await MimeEntity.LoadAsync(ContentType.Parse(contentType), new MemoryStream(bytes), ct);
        var part = (entity as Multipart)?.OfType<MimePart>().FirstOrDefault() ?? throw new PacsException("the PACS answered without a DICOM part");
        using var file = new MemoryStream();
        await part.Content.DecodeToAsync(file, ct);
        return file.ToArray();
    }

    /// <summary>A DICOM UID: digits and dots, at most 64 characters.</summary>
    public static bool IsUid(string? uid) => uid is { Length: > 0 and <= 64 } && uid.All(c => char.IsAsciiDigit(c) || c == '.');

    private HttpRequestMessage Request(HttpMethod method, string relative)
    {
        var request = new HttpRequestMessage(method, $"{Options.DicomWebUrl!.TrimEnd('/')}/{relative}");
        if (!string.IsNullOrEmpty(Options.Username))
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Options.Username}:{Options.Password}")));
        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Options.Timeout);
        try { return await http.SendAsync(request, completion, timeout.Token); }
        catch (HttpRequestException e) { throw new PacsException($"the PACS cannot be reached ({e.HttpRequestError})"); }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested) { throw new PacsException($"the PACS did not answer within {Options.Timeout.TotalSeconds:0} s"); }
    }

    private async Task<byte[]> ReadBoundedAsync(Stream stream, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > Options.MaxInstanceBytes + 64 * 1024) throw new PacsException($"the instance is larger than {Options.MaxInstanceBytes} bytes");
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static PacsInstance? Instance(JsonElement e)
    {
        var (study, series, sop) = (Text(e, "0020000D"), Text(e, "0020000E"), Text(e, "00080018"));
        if (!IsUid(study) || !IsUid(series) || !IsUid(sop)) return null;
        return new PacsInstance(study!, series!, sop!, Text(e, "00080016") ?? "", Text(e, "00100020"), PersonName(e, "00100010"),
            Text(e, "00080020"), Text(e, "00080030"), Text(e, "00080060"));
    }

    private static string? Text(JsonElement e, string tag) =>
        e.TryGetProperty(tag, out var element) && element.TryGetProperty("Value", out var values) && values.GetArrayLength() > 0
            && values[0].ValueKind == JsonValueKind.String ? values[0].GetString() : null;

    private static string? PersonName(JsonElement e, string tag) =>
        e.TryGetProperty(tag, out var element) && element.TryGetProperty("Value", out var values) && values.GetArrayLength() > 0
            && values[0].TryGetProperty("Alphabetic", out var name) ? name.GetString() : null;
}
