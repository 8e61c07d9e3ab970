using System.Globalization;
using System.Text.Json;

namespace Einthoven.Server.Pacemaker;

/// <summary>
/// The seed's metadata file (<c>ecg_predict.txt</c>): a JSON object with <c>recording_date</c> as
/// <c>dd/MM/yyyy HH:mm:ss</c> and <c>age</c> in years (a number, or a string holding one), both required, and
/// <c>sex</c>, <c>height</c>, <c>weight</c>, <c>nurse</c>, <c>site</c>, <c>device</c>, <c>patient_id</c>, which are
/// accepted and not used (any other member is ignored too).
/// </summary>
public sealed record PredictMetadata(double Age, string RecordingDate, DateTime RecordedAt)
{
    public const string DateFormat = "dd/MM/yyyy HH:mm:ss";

    /// <summary>Adults are served; under this age the answer is a problem (the model is trained on adults).</summary>
    public const double AdultAge = 18;

    /// <summary>Oldest age believed.</summary>
    public const double MaxAge = 150;

    /// <summary>The metadata, or the field that is wrong and why.</summary>
    public static (PredictMetadata? Metadata, string Field, string Reason) Parse(ReadOnlySpan<byte> utf8)
    {
        JsonDocument document;
        try { document = JsonDocument.Parse(utf8.ToArray(), new JsonDocumentOptions { MaxDepth = 8 }); }
        catch (JsonException e) { return (null, "metadata", $"not valid JSON: {e.Message}"); }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (null, "metadata", $"must be a JSON object, not {root.ValueKind.ToString().ToLowerInvariant()}");
            if (!root.TryGetProperty("age", out var ageElement)) return (null, "age", "missing");
            double age;
            if (ageElement.ValueKind == JsonValueKind.Number && ageElement.TryGetDouble(out var n)) age = n;
            else if (ageElement.ValueKind == JsonValueKind.String && double.TryParse(ageElement.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var s)) age = s;
            else return (null, "age", $"{Show(ageElement)} is not a number of years");
            if (!double.IsFinite(age) || age < 0 || age > MaxAge) return (null, "age", $"{age.ToString(CultureInfo.InvariantCulture)} is not an age in years (0-{MaxAge})");
            if (!root.TryGetProperty("recording_date", out var dateElement)) return (null, "recording_date", "missing");
            if (dateElement.ValueKind != JsonValueKind.String) return (null, "recording_date", $"{Show(dateElement)} is not a date written {DateFormat}");
            var text = dateElement.GetString()!;
            if (!DateTime.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                return (null, "recording_date", $"'{Clip(text)}' is not a date written {DateFormat}");
            return (new PredictMetadata(age, text, date), "", "");
        }
    }

    private static string Show(JsonElement e) => e.ValueKind == JsonValueKind.String ? $"'{Clip(e.GetString()!)}'" : Clip(e.GetRawText());

    private static string Clip(string s) => s.Length > 40 ? s[..40] + "..." : s;
}
