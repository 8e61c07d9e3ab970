using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Einthoven.Models.TwelveLead;

namespace Einthoven.Models.Onnx;

/// <summary>How a registered model wants its input scaled, lead by lead, after conversion to millivolts.</summary>
public sealed record OnnxNormalisation(string Kind, IReadOnlyList<float>? Mean = null, IReadOnlyList<float>? Std = null)
{
    public const string None = "none", PerLeadZScore = "per-lead-zscore", Fixed = "fixed";
}

public sealed record OnnxClass(string Code, string Description);

/// <summary>
/// What an ONNX model reads and gives (see docs/SERVER.md, "Bring your own model"): its leads by standard name in input
/// order, rate, length and normalisation; its output activation, classes and decision thresholds. Parsed and validated by
/// <see cref="Parse"/>, which names every error.
/// </summary>
public sealed record OnnxManifest(
    string Name,
    string Version,
    string Description,
    IReadOnlyList<string> Leads,
    double RateHz,
    int Length,
    OnnxNormalisation Normalisation,
    string Activation,
    string Vocabulary,
    IReadOnlyList<OnnxClass> Classes,
    IReadOnlyList<double> Thresholds,
    string? InputName = null,
    string? OutputName = null)
{
    public const int MaxBytes = 64 * 1024;
    public const int MaxLength = 1_000_000, MaxClasses = 512;
    public const double MaxRateHz = 10_000;
    public const string Sigmoid = "sigmoid", Softmax = "softmax", NoActivation = "none";
    /// <summary>Class codes must be PTB-XL SCP-ECG statements, superclasses or subclasses (<see cref="ScpStatements"/>).</summary>
    public const string ScpVocabulary = "scp-ecg";
    /// <summary>Any code of letters, digits and _ / + ( ) . - (at most 32), each with a description.</summary>
    public const string CustomVocabulary = "custom";

    private static readonly Regex NamePattern = new("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", RegexOptions.CultureInvariant);
    private static readonly Regex CodePattern = new(@"^[A-Za-z0-9_/+().-]{1,32}$", RegexOptions.CultureInvariant);

    public IReadOnlyList<string> ClassCodes => Classes.Select(c => c.Code).ToArray();

    /// <summary>Reads a manifest; every problem found is listed in the <see cref="OnnxModelException"/>.</summary>
    public static OnnxManifest Parse(string json)
    {
        try
        {
            return ParseChecked(json);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException)
        {
            // e.g. a member named twice, which JsonObject refuses when first read
            throw new OnnxModelException([$"the manifest is not a valid manifest: {e.Message}"]);
        }
    }

    private static OnnxManifest ParseChecked(string json)
    {
        if (Encoding.UTF8.GetByteCount(json) > MaxBytes) throw new OnnxModelException([$"the manifest is larger than {MaxBytes / 1024} KB"]);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            throw new OnnxModelException([$"the manifest is not JSON: {e.Message}"]);
        }
        if (root is not JsonObject top) throw new OnnxModelException(["the manifest must be a JSON object"]);
        var errors = new List<string>();
        var reader = new Reader(errors);

        var name = reader.String(top, "name", required: true, max: 64) ?? "";
        if (name.Length > 0 && !NamePattern.IsMatch(name)) errors.Add($"name: '{name}' must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        var version = reader.String(top, "version", required: true, max: 32) ?? "";
        var description = reader.String(top, "description", required: false, max: 1000) ?? "";

        var input = reader.Object(top, "input");
        var leads = new List<string>();
        double rate = 0;
        var length = 0;
        var normalisation = new OnnxNormalisation(OnnxNormalisation.None);
        string? inputName = null;
        if (input is not null)
        {
            inputName = reader.String(input, "name", required: false, max: 256, path: "input.name");
            if (reader.Array(input, "leads", "input.leads") is { } leadArray)
            {
                if (leadArray.Count == 0) errors.Add("input.leads: needs at least one lead");
                for (var i = 0; i < leadArray.Count; i++)
                {
                    if (leadArray[i] is not JsonValue v || !v.TryGetValue<string>(out var text))
                    {
                        errors.Add($"input.leads[{i}]: must be a lead name");
                        continue;
                    }
                    var canonical = TwelveLeadInput.Canonical(text);
                    if (canonical is null) errors.Add($"input.leads[{i}]: unknown lead '{Clip(text)}' (standard leads: {string.Join(", ", TwelveLeadInput.StandardLeads)})");
                    else if (leads.Contains(canonical)) errors.Add($"input.leads[{i}]: lead {canonical} is listed twice");
                    else leads.Add(canonical);
                }
            }
            var r = reader.Number(input, "rate_hz", "input.rate_hz");
            if (r is { } rv && !(rv > 0 && rv <= MaxRateHz)) errors.Add($"input.rate_hz: {rv} must be positive and at most {MaxRateHz}");
            rate = r ?? 0;
            var l = reader.Number(input, "length", "input.length");
            if (l is { } lv && (lv != Math.Floor(lv) || lv < 1 || lv > MaxLength)) errors.Add($"input.length: {lv} must be a whole number of samples from 1 to {MaxLength}");
            else if (l is { } whole) length = (int)whole;
            normalisation = ReadNormalisation(input, leads.Count, errors);
        }

        var output = reader.Object(top, "output");
        var activation = Sigmoid;
        var vocabulary = ScpVocabulary;
        var classes = new List<OnnxClass>();
        var thresholds = new List<double>();
        string? outputName = null;
        if (output is not null)
        {
            outputName = reader.String(output, "name", required: false, max: 256, path: "output.name");
            activation = reader.String(output, "activation", required: true, max: 16, path: "output.activation") ?? Sigmoid;
            if (activation is not (Sigmoid or Softmax or NoActivation)) errors.Add($"output.activation: '{Clip(activation)}' must be sigmoid, softmax or none");
            vocabulary = reader.String(output, "vocabulary", required: false, max: 16, path: "output.vocabulary") ?? ScpVocabulary;
            if (vocabulary is not (ScpVocabulary or CustomVocabulary)) errors.Add($"output.vocabulary: '{Clip(vocabulary)}' must be {ScpVocabulary} or {CustomVocabulary}");
            ReadClasses(output, vocabulary, classes, errors, reader);
            if (reader.Array(output, "thresholds", "output.thresholds") is { } array)
            {
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue v && v.TryGetValue<double>(out var t) && double.IsFinite(t))
                    {
                        if (activation != NoActivation && t is < 0 or > 1) errors.Add($"output.thresholds[{i}]: {t} is not a probability in [0, 1]");
                        thresholds.Add(t);
                    }
                    else errors.Add($"output.thresholds[{i}]: must be a number");
                }
                if (array.Count != classes.Count && classes.Count > 0)
                    errors.Add($"output.thresholds: {array.Count} thresholds for {classes.Count} classes");
            }
        }
        if (errors.Count > 0) throw new OnnxModelException(errors);
        return new OnnxManifest(name, version, description, leads, rate, length, normalisation, activation, vocabulary, classes, thresholds, inputName, outputName);
    }

    /// <summary>The manifest as JSON, in the form <see cref="Parse"/> reads.</summary>
    public string ToJson()
    {
        JsonNode normalisation = Normalisation.Kind == OnnxNormalisation.Fixed
            ? new JsonObject { ["mean"] = new JsonArray(Normalisation.Mean!.Select(v => (JsonNode)v).ToArray()), ["std"] = new JsonArray(Normalisation.Std!.Select(v => (JsonNode)v).ToArray()) }
            : Normalisation.Kind;
        var input = new JsonObject
        {
            ["leads"] = new JsonArray(Leads.Select(l => (JsonNode)l).ToArray()),
            ["rate_hz"] = RateHz,
            ["length"] = Length,
            ["normalisation"] = normalisation,
        };
        if (InputName is not null) input["name"] = InputName;
        var output = new JsonObject
        {
            ["activation"] = Activation,
            ["vocabulary"] = Vocabulary,
            ["classes"] = new JsonArray(Classes.Select(c => (JsonNode)new JsonObject { ["code"] = c.Code, ["description"] = c.Description }).ToArray()),
            ["thresholds"] = new JsonArray(Thresholds.Select(t => (JsonNode)t).ToArray()),
        };
        if (OutputName is not null) output["name"] = OutputName;
        return new JsonObject
        {
            ["name"] = Name, ["version"] = Version, ["description"] = Description, ["input"] = input, ["output"] = output,
        }.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static OnnxNormalisation ReadNormalisation(JsonObject input, int leads, List<string> errors)
    {
        var node = input["normalisation"];
        if (node is null) return new OnnxNormalisation(OnnxNormalisation.None);
        if (node is JsonValue v && v.TryGetValue<string>(out var kind))
        {
            if (kind is OnnxNormalisation.None or OnnxNormalisation.PerLeadZScore) return new OnnxNormalisation(kind);
            errors.Add($"input.normalisation: '{Clip(kind)}' must be \"none\", \"per-lead-zscore\" or {{\"mean\": [...], \"std\": [...]}} per lead");
            return new OnnxNormalisation(OnnxNormalisation.None);
        }
        if (node is not JsonObject o)
        {
            errors.Add("input.normalisation: must be \"none\", \"per-lead-zscore\" or {\"mean\": [...], \"std\": [...]} per lead");
            return new OnnxNormalisation(OnnxNormalisation.None);
        }
        float[]? Values(string key, bool positive)
        {
            if (o[key] is not JsonArray array) { errors.Add($"input.normalisation.{key}: must be an array of {leads} numbers, one per lead"); return null; }
            if (array.Count != leads) errors.Add($"input.normalisation.{key}: {array.Count} values for {leads} leads");
            var values = new float[array.Count];
            for (var i = 0; i < array.Count; i++)
                if (array[i] is JsonValue x && x.TryGetValue<double>(out var d) && double.IsFinite(d) && (!positive || d > 0) && Math.Abs(d) < 1e6) values[i] = (float)d;
                else errors.Add($"input.normalisation.{key}[{i}]: must be a finite number{(positive ? " above 0" : "")}");
            return values;
        }
        var mean = Values("mean", false);
        var std = Values("std", true);
        return new OnnxNormalisation(OnnxNormalisation.Fixed, mean, std);
    }

    private static void ReadClasses(JsonObject output, string vocabulary, List<OnnxClass> classes, List<string> errors, Reader reader)
    {
        if (reader.Array(output, "classes", "output.classes") is not { } array) return;
        if (array.Count == 0) errors.Add("output.classes: needs at least one class");
        if (array.Count > MaxClasses) { errors.Add($"output.classes: {array.Count} classes, at most {MaxClasses}"); return; }
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < array.Count; i++)
        {
            var path = $"output.classes[{i}]";
            string? code, description;
            if (array[i] is JsonValue v && v.TryGetValue<string>(out var bare)) (code, description) = (bare, null);
            else if (array[i] is JsonObject c)
            {
                code = reader.String(c, "code", required: true, max: 32, path: path + ".code");
                description = reader.String(c, "description", required: false, max: 200, path: path + ".description");
            }
            else
            {
                errors.Add($"{path}: must be a code or {{\"code\": ..., \"description\": ...}}");
                continue;
            }
            if (string.IsNullOrEmpty(code)) continue;
            if (!seen.Add(code)) errors.Add($"{path}: class {code} is listed twice");
            if (vocabulary == ScpVocabulary && !ScpStatements.IsKnown(code))
                errors.Add($"{path}: unknown class '{Clip(code)}': not a PTB-XL SCP-ECG statement, superclass or subclass (set output.vocabulary to \"custom\" for other codes)");
            else if (vocabulary == CustomVocabulary)
            {
                if (!CodePattern.IsMatch(code)) errors.Add($"{path}: class code '{Clip(code)}' must be 1-32 letters, digits or _ / + ( ) . -");
                if (string.IsNullOrWhiteSpace(description)) errors.Add($"{path}: a custom class needs a description");
            }
            classes.Add(new OnnxClass(code, description ?? code));
        }
    }

    private static string Clip(string text) => text.Length <= 40 ? text : text[..40] + "...";

    /// <summary>Typed reads of a JSON object's members that record an error instead of throwing.</summary>
    private sealed class Reader(List<string> errors)
    {
        public string? String(JsonObject o, string key, bool required, int max, string? path = null)
        {
            path ??= key;
            var node = o[key];
            if (node is null)
            {
                if (required) errors.Add($"{path}: missing");
                return null;
            }
            if (node is not JsonValue v || !v.TryGetValue<string>(out var text)) { errors.Add($"{path}: must be a string"); return null; }
            if (text.Length > max) { errors.Add($"{path}: longer than {max} characters"); return null; }
            if (required && text.Trim().Length == 0) { errors.Add($"{path}: must not be empty"); return null; }
            return text;
        }

        public double? Number(JsonObject o, string key, string path)
        {
            var node = o[key];
            if (node is null) { errors.Add($"{path}: missing"); return null; }
            if (node is JsonValue v && v.TryGetValue<double>(out var d) && double.IsFinite(d)) return d;
            errors.Add($"{path}: must be a number");
            return null;
        }

        public JsonObject? Object(JsonObject o, string key)
        {
            var node = o[key];
            if (node is JsonObject child) return child;
            errors.Add(node is null ? $"{key}: missing" : $"{key}: must be an object");
            return null;
        }

        public JsonArray? Array(JsonObject o, string key, string path)
        {
            var node = o[key];
            if (node is JsonArray array) return array;
            errors.Add(node is null ? $"{path}: missing" : $"{path}: must be an array");
            return null;
        }
    }
}

/// <summary>A manifest or ONNX model that cannot be registered; <see cref="Errors"/> names each problem.</summary>
public sealed class OnnxModelException(IReadOnlyList<string> errors)
    : Exception(errors.Count == 1 ? errors[0] : string.Join("; ", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
