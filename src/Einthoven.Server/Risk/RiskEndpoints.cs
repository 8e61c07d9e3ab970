using System.Text.Json;
using Einthoven.Risk;
using Einthoven.Server.Api;
using Einthoven.Server.Localization;

namespace Einthoven.Server.Risk;

/// <summary>The inputs the score used, in SI units.</summary>
public sealed record RiskInputsView(int Age, string Sex, bool Smoker, double SystolicBpMmHg, double TotalCholesterolMmolPerL, double HdlCholesterolMmolPerL);

/// <param name="Model">"SCORE2" (ages 40-69) or "SCORE2-OP" (70-89).</param>
/// <param name="Region">"low", "moderate", "high" or "veryHigh"; "veryHigh" (Uzbekistan's) unless the request chose another.</param>
/// <param name="RiskPercent">10-year risk of fatal and non-fatal cardiovascular disease, in %, to one decimal.</param>
/// <param name="Category">"lowToModerate", "high" or "veryHigh" (ESC 2021, by age).</param>
/// <param name="CategoryKey">The text key of the category's plain-words explanation (<c>risk.category.{category}</c>).</param>
/// <param name="HighFromPercent">Where "high" begins at this age; <paramref name="VeryHighFromPercent"/> where "very high" begins.</param>
/// <param name="SuggestEcg">True for the high and very high categories: the result suggests booking an ECG.</param>
public sealed record Score2View(
    string Model, string Region, double RiskPercent, string Category, string CategoryKey, string Explanation,
    double HighFromPercent, double VeryHighFromPercent, bool SuggestEcg, RiskInputsView Inputs, string Citation, string Disclaimer);

/// <summary>
/// <c>POST /api/risk/score2</c>: the SCORE2 / SCORE2-OP questionnaire (docs/RISK.md). Open to everyone, signed in or
/// not: it is a published formula over what the caller sends, and nothing is stored; rate-limited per user or address
/// (<see cref="RateLimits.Risk"/>). Every unusable answer is named in a 400 problem's <c>errors</c> (field: messages in
/// the request's language); a person the score is not for (established cardiovascular disease, diabetes, chronic kidney
/// disease, familial hypercholesterolaemia) gets 422 with the <c>exclusions</c> and why.
/// </summary>
public static class RiskEndpoints
{
    public const string Route = "/api/risk/score2";
    public const int MaxBodyBytes = 4096;

    public const string Citation =
        "SCORE2 working group and ESC Cardiovascular risk collaboration. Eur Heart J 2021;42(25):2439-2454 (doi:10.1093/eurheartj/ehab309); " +
        "SCORE2-OP working group and ESC Cardiovascular risk collaboration. Eur Heart J 2021;42(25):2455-2467 (doi:10.1093/eurheartj/ehab312); " +
        "risk categories: 2021 ESC Guidelines on cardiovascular disease prevention, Eur Heart J 2021;42(34):3227-3337 (doi:10.1093/eurheartj/ehab484).";

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost(Route, Score).WithTags("Risk").AllowAnonymous().RequireRateLimiting(RateLimits.Risk)
            .Accepts<Score2Request>("application/json")
            .Produces<Score2View>().ProducesProblem(400).ProducesProblem(413).ProducesProblem(422).ProducesProblem(429)
            .WithSummary("10-year cardiovascular risk by SCORE2 (40-69) or SCORE2-OP (70-89), with the ESC 2021 category")
            .WithDescription("Cholesterol in mmol/L or mg/dL; region low|moderate|high|veryHigh (default veryHigh, Uzbekistan's). Nothing is stored.");

    private static async Task<IResult> Score(HttpContext context, CancellationToken ct)
    {
        var language = Languages.Of(context);
        var texts = Texts.Shared;
        if (context.Request.ContentLength > MaxBodyBytes)
            return Results.Problem(statusCode: 413, title: texts.Get(language, "risk.problem.tooLarge"), detail: texts.Get(language, "risk.problem.tooLarge"));
        JsonDocument document;
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, ct);
            if (buffer.Length > MaxBodyBytes)
                return Results.Problem(statusCode: 413, title: texts.Get(language, "risk.problem.tooLarge"), detail: texts.Get(language, "risk.problem.tooLarge"));
            document = JsonDocument.Parse(buffer.ToArray());
        }
        catch (JsonException)
        {
            return Results.Problem(statusCode: 400, title: texts.Get(language, "risk.problem.notJson"), detail: texts.Get(language, "risk.problem.notJson"));
        }
        using (document)
        {
            var (questionnaire, region, typeErrors) = Score2Request.Read(document.RootElement);
            var errors = typeErrors.Concat(questionnaire.Validate().Where(e => !typeErrors.Any(t => t.Field == e.Field))).ToList();
            if (errors.Count > 0)
            {
                var messages = errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => Message(language, e)).ToArray());
                return Results.ValidationProblem(messages, statusCode: 400, title: texts.Get(language, "risk.problem.invalid"),
                    detail: string.Join(" ", messages.Values.SelectMany(m => m)));
            }
            var exclusions = questionnaire.Exclusions();
            if (exclusions.Count > 0)
                return Results.Problem(statusCode: 422, title: texts.Get(language, "risk.problem.notApplicable"),
                    detail: string.Join(" ", exclusions.Select(x => texts.Get(language, $"risk.exclusion.{Camel(x.ToString())}"))),
                    type: "https://einthoven.dev/problems/risk-score-not-applicable",
                    extensions: new Dictionary<string, object?> { ["exclusions"] = exclusions.Select(x => Camel(x.ToString())).ToArray() });
            var result = Score2Calculator.Compute(questionnaire.Factors(), region);
            return Results.Ok(View(result, language));
        }
    }

    internal static Score2View View(Score2Result result, string language)
    {
        var category = Camel(result.Category.ToString());
        var f = result.Factors;
        return new Score2View(result.Model == RiskModel.Score2 ? "SCORE2" : "SCORE2-OP", Camel(result.Region.ToString()), result.RiskPercent, category,
            $"risk.category.{category}", Texts.Shared.Get(language, $"risk.category.{category}"),
            result.HighFromPercent, result.VeryHighFromPercent, result.Category != RiskCategory.LowToModerate,
            new RiskInputsView(f.Age, Camel(f.Sex.ToString()), f.Smoker, f.SystolicBp, Math.Round(f.TotalCholesterol, 3), Math.Round(f.HdlCholesterol, 3)),
            Citation, Texts.Shared.Get(language, "common.notMedicalDevice"));
    }

    /// <summary>An error in words: "Age must be between 40 and 89 years."</summary>
    internal static string Message(string language, RiskInputError error)
    {
        var field = Texts.Shared.Get(language, $"risk.field.{error.Field}");
        var unit = error.Unit == "years" ? Texts.Shared.Get(language, "risk.unit.years") : error.Unit;
        return Texts.Shared.Get(language, $"risk.error.{error.Code}", ("field", field), ("min", error.Min), ("max", error.Max), ("unit", unit),
            ("choices", error.Unit));
    }

    internal static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}

/// <summary>The request's JSON (camelCase), read field by field so that a wrong type is named like a wrong value.</summary>
public sealed record Score2Request(
    int? Age, string? Sex, bool? Smoker, double? SystolicBp, double? TotalCholesterol, double? HdlCholesterol, string? CholesterolUnit,
    string? Region, bool? CardiovascularDisease, bool? Diabetes, bool? ChronicKidneyDisease, bool? FamilialHypercholesterolaemia)
{
    public static readonly string[] Sexes = ["male", "female"], Units = ["mmol/L", "mg/dL"], Regions = ["low", "moderate", "high", "veryHigh"];

    internal static (RiskQuestionnaire Questionnaire, RiskRegion Region, List<RiskInputError> Errors) Read(JsonElement root)
    {
        var errors = new List<RiskInputError>();
        if (root.ValueKind != JsonValueKind.Object) root = default;
        JsonElement? Get(string name) => root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

        int? age = null;
        if (Get("age") is { } a)
        {
            if (a.ValueKind == JsonValueKind.Number && a.TryGetDouble(out var d) && d == Math.Floor(d) && Math.Abs(d) < 1000) age = (int)d;
            else errors.Add(new("age", "wholeNumber"));
        }
        double? Number(string name)
        {
            if (Get(name) is not { } v) return null;
            if (v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) && double.IsFinite(d)) return d;
            errors.Add(new(name, "number"));
            return null;
        }
        bool? Flag(string name)
        {
            if (Get(name) is not { } v) return null;
            if (v.ValueKind is JsonValueKind.True or JsonValueKind.False) return v.GetBoolean();
            errors.Add(new(name, "yesNo"));
            return null;
        }
        int? Choice(string name, string[] choices)
        {
            if (Get(name) is not { } v) return null;
            var index = v.ValueKind == JsonValueKind.String ? Array.FindIndex(choices, c => string.Equals(c, v.GetString(), StringComparison.OrdinalIgnoreCase)) : -1;
            if (index < 0) errors.Add(new(name, "choice", Unit: string.Join(", ", choices)));
            return index < 0 ? null : index;
        }

        var sex = Choice("sex", Sexes);
        var unit = Choice("cholesterolUnit", Units);
        var region = Choice("region", Regions);
        var questionnaire = new RiskQuestionnaire(age, sex is { } s ? (Einthoven.Risk.Sex)s : null, Flag("smoker"), Number("systolicBp"),
            Number("totalCholesterol"), Number("hdlCholesterol"), unit is { } u ? (Einthoven.Risk.CholesterolUnit)u : null,
            Flag("cardiovascularDisease"), Flag("diabetes"), Flag("chronicKidneyDisease"), Flag("familialHypercholesterolaemia"));
        return (questionnaire, region is { } r ? (RiskRegion)r : RiskRegions.Default, errors);
    }
}
