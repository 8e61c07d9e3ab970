using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Einthoven.Server.Localization;
using Einthoven.Server.Tests.Hosting;
using Einthoven.TestSupport;

namespace Einthoven.Server.Tests;

/// <summary>
/// Every text in English, Russian and Uzbek: the web UI's (wwwroot/i18n) and the server's (Localization/Texts) files have
/// the same keys in every language, with the same placeholders, none empty and none left in English; the language of a
/// request and of a user.
/// </summary>
public sealed partial class LocalizationTests
{
    private static string ServerProject => Path.Combine(TestData.RepoRoot, "src", "Einthoven.Server");

    public static TheoryData<string> TextFolders => new(Path.Combine("wwwroot", "i18n"), Path.Combine("Localization", "Texts"));

    private static Dictionary<string, Dictionary<string, (string File, string Text)>> Load(string folder)
    {
        var result = new Dictionary<string, Dictionary<string, (string, string)>>();
        foreach (var language in Languages.All)
        {
            var texts = result[language] = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
            foreach (var file in Directory.EnumerateFiles(Path.Combine(ServerProject, folder, language), "*.json"))
            {
                using var stream = File.OpenRead(file);
                foreach (var (k, v) in Texts.Parse(stream, file))
                    Assert.True(texts.TryAdd(k, (Path.GetFileName(file), v)), $"{language}: '{k}' is defined twice");
            }
        }
        return result;
    }

    [Theory]
    [MemberData(nameof(TextFolders))]
    public void Every_key_is_translated_into_every_language_with_its_placeholders(string folder)
    {
        var texts = Load(folder);
        var english = texts[Languages.English];
        Assert.NotEmpty(english);
        var problems = new List<string>();
        foreach (var language in Languages.All.Where(l => l != Languages.English))
        {
            foreach (var (key, (file, text)) in english)
            {
                if (!texts[language].TryGetValue(key, out var translated)) { problems.Add($"{language}: missing '{key}' (en in {file})"); continue; }
                if (string.IsNullOrWhiteSpace(translated.Text)) problems.Add($"{language}: '{key}' is empty");
                if (!Texts.Placeholders(text).SetEquals(Texts.Placeholders(translated.Text)))
                    problems.Add($"{language}: '{key}' has placeholders {{{string.Join(",", Texts.Placeholders(translated.Text))}}}, English {{{string.Join(",", Texts.Placeholders(text))}}}");
                // A sentence left in English is not a translation (single words and names may stay the same).
                if (translated.Text == text && Words().Matches(text).Count >= 3) problems.Add($"{language}: '{key}' is still the English text");
            }
            problems.AddRange(texts[language].Keys.Except(english.Keys).Select(k => $"{language}: '{k}' has no English text"));
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [GeneratedRegex(@"\p{L}{2,}")]
    private static partial Regex Words();

    [Theory]
    [InlineData("ru-RU,ru;q=0.9,en-US;q=0.8", "ru")]
    [InlineData("de-DE,uz;q=0.5,ru;q=0.7", "ru")]
    [InlineData("uz-Latn-UZ", "uz")]
    [InlineData("fr-FR,de", null)]
    [InlineData("en;q=0,ru;q=0.1", "ru")]
    [InlineData("", null)]
    public void Accept_language_picks_the_best_supported_language(string header, string? expected) =>
        Assert.Equal(expected, Languages.FromAcceptLanguage(header));

    [Fact]
    public void Server_texts_fill_placeholders_in_the_languages_culture()
    {
        var texts = new Texts(new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["en"] = new Dictionary<string, string> { ["x.n"] = "{n} beats", ["x.only"] = "English only" },
            ["ru"] = new Dictionary<string, string> { ["x.n"] = "{n} ударов" },
        });
        Assert.Equal("12 345,5 ударов", texts.Get("ru", "x.n", ("n", 12345.5)).Replace('\u00a0', ' ').Replace('\u202f', ' '));
        Assert.Equal("12,345.5 beats", texts.Get("en", "x.n", ("n", 12345.5)));
        Assert.Equal("English only", texts.Get("ru", "x.only"));
        Assert.Equal("x.unknown", texts.Get("uz", "x.unknown"));
        Assert.NotEqual(Texts.Shared.Get("en", "common.notMedicalDevice"), Texts.Shared.Get("uz", "common.notMedicalDevice"));
    }

    [Fact]
    public async Task A_user_chooses_a_language_for_the_ui_and_later_messages()
    {
        await using var host = new ServerHost(Provider.Sqlite, new Dictionary<string, string?> { ["Einthoven:Retraining:Enabled"] = "false" });
        var patient = await host.NewPatientAsync("language-patient@test.local");
        var ru = await (await patient.GetAsync("/i18n/ru.json")).JsonAsync();
        Assert.Equal("Язык", ru.Str("common.language"));
        Assert.Equal(HttpStatusCode.NotFound, (await patient.GetAsync("/i18n/de.json")).StatusCode);
        var bad = await patient.PutAsJsonAsync("/api/me/language", new { language = "de" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("language", await bad.Content.ReadAsStringAsync());
        var ok = await patient.PutAsJsonAsync("/api/me/language", new { language = "uz" });
        Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);
        Assert.Contains(ok.Headers.GetValues("Set-Cookie"), c => c.StartsWith($"{Languages.Cookie}=uz"));
        var me = await (await patient.GetAsync("/api/me")).JsonAsync();
        Assert.Equal("uz", me.Str("language"));
    }

    [Theory]
    [InlineData("ru", "Не найдено: запись", "запись не читается", "Einthoven ЭКГ")]
    [InlineData("uz", "yozuv topilmadi", "yozuvni oʻqib boʻlmaydi", "Einthoven EKG")]
    [InlineData(null, "recording not found", "unreadable recording", "Einthoven ECG")]
    public async Task Problems_and_the_manifest_speak_the_requests_language(string? language, string notFound, string unreadable, string name)
    {
        await using var host = new ServerHost(Provider.Sqlite, new Dictionary<string, string?> { ["Einthoven:Retraining:Enabled"] = "false" });
        var patient = await host.NewPatientAsync($"problems-{language ?? "en"}@test.local");
        if (language is not null) patient.DefaultRequestHeaders.AcceptLanguage.ParseAdd($"{language},en;q=0.5");

        var missing = await (await patient.GetAsync($"/api/recordings/{Guid.NewGuid()}")).JsonAsync(HttpStatusCode.NotFound);
        Assert.Equal(notFound, missing.Str("title"));
        Assert.Equal(Texts.Shared.Get(language ?? "en", "problems.notFound.detail", ("what", Texts.Shared.Get(language ?? "en", "problems.what.recording"))), missing.Str("detail"));

        // The title is translated; the members clients read (file, field, reason) stay as they are.
        var refused = await (await patient.UploadBytesAsync("noise.edf", "definitely not an EDF header"u8.ToArray())).JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(unreadable, refused.Str("title"));
        Assert.Equal("noise.edf", refused.Str("file"));
        Assert.False(string.IsNullOrEmpty(refused.Str("field")));

        var forbidden = await patient.PutAsJsonAsync("/api/me/language", new { language = "de" });
        var badLanguage = await forbidden.JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal(Texts.Shared.Get(language ?? "en", "problems.title.unknownLanguage"), badLanguage.Str("title"));
        Assert.Equal("language", badLanguage.Str("field"));

        var manifest = await (await patient.GetAsync("/manifest.webmanifest")).JsonAsync();
        Assert.Equal(name, manifest.Str("name"));
        Assert.Equal(language == "uz" ? "uz-Latn" : language ?? "en", manifest.Str("lang"));
        Assert.Equal("/", manifest.Str("start_url"));
    }

    [Fact]
    public async Task The_lang_parameter_and_the_users_choice_pick_the_manifests_language()
    {
        await using var host = new ServerHost(Provider.Sqlite, new Dictionary<string, string?> { ["Einthoven:Retraining:Enabled"] = "false" });
        Assert.Equal("Einthoven ЭКГ", (await (await host.Client().GetAsync("/manifest.webmanifest?lang=ru")).JsonAsync()).Str("name"));
        // The user's choice (its cookie) wins over the browser's Accept-Language.
        var patient = await host.NewPatientAsync("manifest-uz@test.local");
        Assert.Equal(HttpStatusCode.NoContent, (await patient.PutAsJsonAsync("/api/me/language", new { language = "uz" })).StatusCode);
        patient.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru");
        Assert.Equal("uz-Latn", (await (await patient.GetAsync("/manifest.webmanifest")).JsonAsync()).Str("lang"));
    }
}
