using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Einthoven.Server.Tests.Hosting;

namespace Einthoven.Server.Tests;

/// <summary>
/// <c>POST /api/risk/score2</c>: the paper's example through the API, the inputs back in SI units, 400 problems that
/// name every unusable field in the request's language, 422 for people the score is not for.
/// </summary>
[Collection("sqlite")]
public sealed class RiskEndpointTests(SqliteFixture fixture)
{
    private World W => fixture.World;

    /// <summary>The SCORE2 abstract's example: a 50-year-old male smoker, SBP 140 mmHg, total 5.5 and HDL 1.3 mmol/L.</summary>
    public static Dictionary<string, object?> Answers() => new()
    {
        ["age"] = 50, ["sex"] = "male", ["smoker"] = true, ["systolicBp"] = 140, ["totalCholesterol"] = 5.5, ["hdlCholesterol"] = 1.3,
        ["cholesterolUnit"] = "mmol/L", ["cardiovascularDisease"] = false, ["diabetes"] = false, ["chronicKidneyDisease"] = false,
        ["familialHypercholesterolaemia"] = false,
    };

    private static Dictionary<string, object?> With(params (string Key, object? Value)[] changes)
    {
        var answers = Answers();
        foreach (var (k, v) in changes) answers[k] = v;
        return answers;
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(object body, string? language = null, HttpClient? client = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/risk/score2") { Content = JsonContent.Create(body) };
        if (language is not null) request.Headers.AcceptLanguage.ParseAdd(language);
        using var response = await (client ?? W.Owner.Client).SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode >= 400) Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    [Theory]
    [InlineData("low", 5.9, "high")]
    [InlineData("veryHigh", 14.0, "veryHigh")]
    public async Task The_papers_example_through_the_api(string region, double percent, string category)
    {
        var (status, body) = await PostAsync(With(("region", region)));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("SCORE2", body.Str("model"));
        Assert.Equal(region, body.Str("region"));
        Assert.Equal(percent, body.GetProperty("riskPercent").GetDouble());
        Assert.Equal(category, body.Str("category"));
        Assert.Equal($"risk.category.{category}", body.Str("categoryKey"));
        Assert.True(body.GetProperty("suggestEcg").GetBoolean());
        Assert.Contains("ehab309", body.Str("citation"));
        Assert.False(string.IsNullOrEmpty(body.Str("disclaimer")));
    }

    [Fact]
    public async Task Uzbekistans_region_is_the_default_and_mg_per_dl_is_converted()
    {
        var (status, body) = await PostAsync(With(("cholesterolUnit", "mg/dL"), ("totalCholesterol", 5.5 * 38.67), ("hdlCholesterol", 1.3 * 38.67)), client: W.Anonymous);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("veryHigh", body.Str("region"));
        Assert.Equal(14.0, body.GetProperty("riskPercent").GetDouble());
        Assert.Equal(5.5, body.GetProperty("inputs").GetProperty("totalCholesterolMmolPerL").GetDouble());
        Assert.Equal(1.3, body.GetProperty("inputs").GetProperty("hdlCholesterolMmolPerL").GetDouble());
    }

    [Fact]
    public async Task Older_people_get_score2_op_and_its_thresholds()
    {
        var (status, body) = await PostAsync(With(("age", 75), ("sex", "female"), ("smoker", false)), "ru");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("SCORE2-OP", body.Str("model"));
        Assert.Equal(7.5, body.GetProperty("highFromPercent").GetDouble());
        Assert.Equal(15, body.GetProperty("veryHighFromPercent").GetDouble());
        Assert.Contains("риск", body.Str("explanation"));
    }

    [Fact]
    public async Task Every_unusable_answer_is_named_in_the_requests_language()
    {
        var (status, body) = await PostAsync(With(("age", 35), ("systolicBp", "high"), ("cholesterolUnit", "mg/dL"), ("totalCholesterol", 5.5),
            ("hdlCholesterol", null), ("sex", "x"), ("diabetes", "no")), "ru-RU,ru;q=0.9");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var errors = body.GetProperty("errors");
        Assert.Equal(["age", "diabetes", "hdlCholesterol", "sex", "systolicBp", "totalCholesterol"], errors.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("Возраст: значение должно быть от 40 до 89 лет.", errors.GetProperty("age")[0].GetString());
        Assert.Equal("Общий холестерин: значение должно быть от 116 до 387 mg/dL.", errors.GetProperty("totalCholesterol")[0].GetString());
        Assert.Equal("Систолическое давление: введите число.", errors.GetProperty("systolicBp")[0].GetString());
        Assert.Equal("Холестерин ЛПВП: ответьте, пожалуйста.", errors.GetProperty("hdlCholesterol")[0].GetString());
        Assert.Equal("Пол: допустимые значения: male, female.", errors.GetProperty("sex")[0].GetString());
        Assert.Contains("Сахарный диабет", errors.GetProperty("diabetes")[0].GetString());
        Assert.Equal("Некоторые ответы нельзя использовать", body.Str("title"));
    }

    [Fact]
    public async Task English_and_uzbek_messages()
    {
        var (_, en) = await PostAsync(With(("systolicBp", 250)), "en");
        Assert.Equal("Systolic blood pressure must be between 100 and 200 mmHg.", en.GetProperty("errors").GetProperty("systolicBp")[0].GetString());
        var (_, uz) = await PostAsync(With(("systolicBp", 250)), "uz");
        Assert.Equal("Sistolik qon bosimi: qiymat 100 va 200 mmHg oraligʻida boʻlishi kerak.", uz.GetProperty("errors").GetProperty("systolicBp")[0].GetString());
    }

    [Fact]
    public async Task Not_json_is_a_problem_too()
    {
        using var response = await W.Owner.Client.PostAsync("/api/risk/score2", new StringContent("age=50", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var (status, body) = await PostAsync(new[] { 1, 2 });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(11, body.GetProperty("errors").EnumerateObject().Count());
    }

    [Fact]
    public async Task People_the_score_is_not_for_are_told_why()
    {
        var (status, body) = await PostAsync(With(("diabetes", true), ("cardiovascularDisease", true)), "en");
        Assert.Equal((HttpStatusCode)422, status);
        Assert.Equal(["cardiovascularDisease", "diabetes"], body.GetProperty("exclusions").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("SCORE2-Diabetes", body.Str("detail"));
        Assert.Equal("This risk score does not apply to you", body.Str("title"));
    }

    [Fact]
    public async Task The_analysis_answer_carries_the_patients_assessment()
    {
        var recording = await W.UploadAsync(W.Owner, "assessment", seed: 27, seconds: 30);
        var analysis = await W.WaitForAnalysisAsync(recording);
        var assessment = analysis.GetProperty("assessment");
        Assert.Contains(assessment.Str("urgency"), new[] { "none", "routine", "repeat", "soon", "urgent" });
        Assert.NotEqual(0, assessment.GetProperty("findings").GetArrayLength());
        Assert.StartsWith("assessment.finding.", assessment.GetProperty("findings")[0].Str("key"));
        Assert.Equal("assessment.step.emergency", assessment.GetProperty("steps").EnumerateArray().Last().Str("key"));
        Assert.Equal("assessment.notMedicalDevice", assessment.Str("disclaimerKey"));
    }
}
