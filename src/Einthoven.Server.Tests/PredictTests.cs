using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Einthoven.Server.Pacemaker;
using Einthoven.Server.Tests.Hosting;
using Einthoven.TestSupport;
using FsCheck.Xunit;

namespace Einthoven.Server.Tests;

/// <summary>
/// The seed-compatible pacemaker service (SPEC C8): the seed's exact curl request
/// (<c>curl -F files=@ecg_predict.txt -F files=@00001_lr.dat -F files=@00001_lr.hea</c>) on PTB-XL records, the
/// under-18 problem, malformed input named, and the token scope that opens /predict and nothing else.
/// </summary>
[Collection("sqlite")]
public sealed class PredictTests(SqliteFixture fixture)
{
    private World W => fixture.World;

    private static string Record(int ecgId) => Path.Combine(TestData.PtbXl, "records100", (ecgId / 1000 * 1000).ToString("00000"), $"{ecgId:00000}_lr");

    /// <summary>The seed's metadata file: PTB-XL's columns for the record (here 00001's patient, with the age given).</summary>
    public static string Metadata(object age, string date = "09/11/1984 09:17:34") => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["recording_date"] = date, ["age"] = age, ["sex"] = 1, ["height"] = null, ["weight"] = 63.0, ["nurse"] = 2.0,
        ["site"] = 0.0, ["device"] = "CS-12   E", ["patient_id"] = 15709.0,
    });

    /// <summary>What curl -F sends: three parts named files, each with its file name and curl's content type, in the given order.</summary>
    public static HttpRequestMessage SeedRequest(string metadata, int ecgId = 1, string order = "txt,dat,hea", byte[]? dat = null, string? hea = null)
    {
        var content = new MultipartFormDataContent();
        var name = $"{ecgId:00000}_lr";
        foreach (var part in order.Split(','))
        {
            var (bytes, file, type) = part switch
            {
                "txt" => (Encoding.UTF8.GetBytes(metadata), "ecg_predict.txt", "text/plain"),
                "dat" => (dat ?? File.ReadAllBytes(Record(ecgId) + ".dat"), name + ".dat", "application/octet-stream"),
                _ => (Encoding.UTF8.GetBytes(hea ?? File.ReadAllText(Record(ecgId) + ".hea")), name + ".hea", "application/octet-stream"),
            };
            var body = new ByteArrayContent(bytes);
            body.Headers.ContentType = new MediaTypeHeaderValue(type);
            content.Add(body, "files", file);
        }
        return new HttpRequestMessage(HttpMethod.Post, "/predict") { Content = content };
    }

    private async Task<(HttpStatusCode Status, JsonElement Body, string? Type)> SendAsync(HttpRequestMessage request, HttpClient? client = null)
    {
        using var response = await (client ?? W.Owner.Client).SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_seeds_exact_request_is_answered_as_the_seed_did()
    {
        var (status, body, _) = await SendAsync(SeedRequest(Metadata(56.0)));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["pacemaker", "probability", "age", "recording_date"], body.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.False(body.GetProperty("pacemaker").GetBoolean());
        Assert.InRange(body.GetProperty("probability").GetDouble(), 0, 0.5);
        Assert.Equal(56, body.GetProperty("age").GetDouble());
        Assert.Equal("09/11/1984 09:17:34", body.GetProperty("recording_date").GetString());
    }

    [Fact]
    public async Task A_paced_record_in_any_order_is_called_paced()
    {
        var (status, body, _) = await SendAsync(SeedRequest(Metadata("81"), ecgId: 144, order: "hea,txt,dat"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body.GetProperty("pacemaker").GetBoolean(), body.ToString());
        Assert.InRange(body.GetProperty("probability").GetDouble(), 0.5, 1);
    }

    [Fact]
    public async Task Under_18_is_a_problem_that_keeps_age_and_date_with_an_empty_result()
    {
        var (status, body, type) = await SendAsync(SeedRequest(Metadata(12, "01/02/2003 04:05:06")));
        Assert.Equal((HttpStatusCode)422, status);
        Assert.Equal("application/problem+json", type);
        Assert.Equal(12, body.GetProperty("age").GetDouble());
        Assert.Equal("01/02/2003 04:05:06", body.GetProperty("recording_date").GetString());
        Assert.Equal(JsonValueKind.Object, body.GetProperty("result").ValueKind);
        Assert.Empty(body.GetProperty("result").EnumerateObject());
        Assert.Contains("18", body.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("missing-hea", 400, ".hea")]
    [InlineData("missing-metadata", 400, "metadata")]
    [InlineData("bad-json", 400, "not valid JSON")]
    [InlineData("age-abc", 400, "age")]
    [InlineData("date", 400, "recording_date")]
    [InlineData("header-unreadable", 400, "00001_lr.hea")]
    [InlineData("dat-too-short", 422, "the file has 1,000 bytes")]
    [InlineData("two-headers", 400, "more than one")]
    public async Task Malformed_input_is_a_4xx_that_names_what_is_wrong(string @case, int expected, string named)
    {
        var request = @case switch
        {
            "missing-hea" => SeedRequest(Metadata(56), order: "txt,dat"),
            "missing-metadata" => SeedRequest(Metadata(56), order: "dat,hea"),
            "bad-json" => SeedRequest("{\"age\": 56, \"recording_date\": "),
            "age-abc" => SeedRequest(Metadata("abc")),
            "date" => SeedRequest(Metadata(56, "1984-11-09")),
            "header-unreadable" => SeedRequest(Metadata(56), hea: "ecg_predict what is this\nnot a header at all"),
            "dat-too-short" => SeedRequest(Metadata(56), dat: new byte[1000]),
            _ => SeedRequest(Metadata(56), order: "txt,dat,hea,hea"),
        };
        var (status, body, type) = await SendAsync(request);
        Assert.Equal(expected, (int)status);
        Assert.Equal("application/problem+json", type);
        Assert.Contains(named, body.ToString());
    }

    [Fact]
    public async Task A_scoped_token_may_predict_and_nothing_else()
    {
        var created = await (await W.Owner.Client.PostJsonAsync("/api/tokens", new { name = "pacemaker", scopes = new[] { "pacemaker:predict" } })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal("pacemaker:predict", created.Str("scopes"));
        var scoped = W.Host.Client(created.Str("token"));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(SeedRequest(Metadata(56)), scoped)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await scoped.GetAsync("/api/recordings")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await scoped.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await scoped.PostJsonAsync("/api/tokens", new { name = "wider" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(SeedRequest(Metadata(56)), W.Anonymous)).Status);
        var unknown = await W.Owner.Client.PostJsonAsync("/api/tokens", new { name = "x", scopes = new[] { "everything" } });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Property(MaxTest = 500)]
    public bool The_metadata_parser_never_throws_on_any_text(string text) =>
        PredictMetadata.Parse(Encoding.UTF8.GetBytes(text ?? "")) is var (m, field, reason) && (m is not null || (field.Length > 0 && reason.Length > 0));

    [Property(MaxTest = 300)]
    public bool Any_age_in_range_and_valid_date_round_trips(byte years, DateTime when)
    {
        var date = when.ToString(PredictMetadata.DateFormat, System.Globalization.CultureInfo.InvariantCulture);
        var (m, _, _) = PredictMetadata.Parse(Encoding.UTF8.GetBytes(Metadata(years % 120, date)));
        return m is not null && m.Age == years % 120 && m.RecordingDate == date;
    }
}
