using System.Text.Json.Nodes;
using Einthoven.Models.Onnx;
using FsCheck;
using FsCheck.Fluent;

namespace Einthoven.Models.Tests.Onnx;

public class OnnxManifestTests
{
    [Fact]
    public void Valid_manifest_round_trips()
    {
        var manifest = OnnxManifest.Parse(OnnxTestModels.ManifestJson(normalisation: """{"mean": [0,0,0,0,0,0,0,0,0,0,0,0], "std": [1,1,1,1,1,1,1,1,1,1,1,2]}"""));
        Assert.Equal(12, manifest.Leads.Count);
        Assert.Equal(OnnxNormalisation.Fixed, manifest.Normalisation.Kind);
        Assert.Equal(2f, manifest.Normalisation.Std![11]);
        var again = OnnxManifest.Parse(manifest.ToJson());
        Assert.Equal(manifest.ToJson(), again.ToJson());
        Assert.Equal(manifest.ClassCodes, again.ClassCodes);
    }

    [Theory]
    [InlineData("input.leads", "[\"I\", \"II\", \"V7\"]", "unknown lead 'V7'")]
    [InlineData("input.leads", "[\"I\", \"lead I\"]", "lead I is listed twice")]
    [InlineData("input.leads", "[]", "needs at least one lead")]
    [InlineData("input.rate_hz", "0", "input.rate_hz: 0 must be positive")]
    [InlineData("input.length", "-5", "input.length: -5 must be a whole number")]
    [InlineData("input.length", "10.5", "input.length: 10.5 must be a whole number")]
    [InlineData("input.normalisation", "\"minmax\"", "input.normalisation: 'minmax'")]
    [InlineData("input.normalisation", "{\"mean\": [0], \"std\": [1]}", "input.normalisation.mean: 1 values for 12 leads")]
    [InlineData("output.activation", "\"relu\"", "output.activation: 'relu' must be sigmoid, softmax or none")]
    [InlineData("output.classes", "[\"NORM\", \"XYZ\", \"MI\", \"CD\", \"HYP\"]", "output.classes[1]: unknown class 'XYZ'")]
    [InlineData("output.classes", "[\"NORM\", \"MI\", \"norm\", \"CD\", \"HYP\"]", "output.classes[2]: class norm is listed twice")]
    [InlineData("output.thresholds", "[0.5, 0.5]", "output.thresholds: 2 thresholds for 5 classes")]
    [InlineData("output.thresholds", "[0.5, 0.5, 0.5, 0.5, 1.5]", "output.thresholds[4]: 1.5 is not a probability")]
    [InlineData("name", "\"has spaces\"", "name: 'has spaces' must be")]
    [InlineData("version", "3", "version: must be a string")]
    public void Each_error_is_named(string path, string json, string message)
    {
        var error = Assert.Throws<OnnxModelException>(() => OnnxManifest.Parse(With(path, json)));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Every_error_is_listed_at_once()
    {
        var json = With("input.rate_hz", "-1", With("output.activation", "\"x\"", With("input.length", "0")));
        var error = Assert.Throws<OnnxModelException>(() => OnnxManifest.Parse(json));
        Assert.Equal(3, error.Errors.Count);
    }

    [Fact]
    public void Custom_vocabulary_takes_any_code_with_a_description()
    {
        var json = With("output.vocabulary", "\"custom\"", With("output.classes",
            "[{\"code\": \"A\", \"description\": \"a\"}, {\"code\": \"B\"}, {\"code\": \"C\", \"description\": \"c\"}, {\"code\": \"D d\", \"description\": \"d\"}, {\"code\": \"E\", \"description\": \"e\"}]"));
        var error = Assert.Throws<OnnxModelException>(() => OnnxManifest.Parse(json));
        Assert.Equal(["output.classes[1]: a custom class needs a description", "output.classes[3]: class code 'D d' must be 1-32 letters, digits or _ / + ( ) . -"], error.Errors);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("{\"name\": \"a\", \"name\": \"b\"}")]
    [InlineData("{")]
    [InlineData("null")]
    public void Not_a_manifest_is_one_clear_error(string json) =>
        Assert.Throws<OnnxModelException>(() => OnnxManifest.Parse(json));

    /// <summary>Random text, and a valid manifest with a member replaced by random JSON, never escape as anything but a manifest error.</summary>
    [Fact]
    public void Parser_only_ever_accepts_or_names_an_error()
    {
        var paths = new[] { "name", "version", "description", "input", "input.leads", "input.rate_hz", "input.length", "input.normalisation",
            "output", "output.activation", "output.vocabulary", "output.classes", "output.thresholds", "output.name" };
        var values = Gen.OneOf(
            Gen.Constant("null"), Gen.Constant("[]"), Gen.Constant("{}"), Gen.Constant("\"\""), Gen.Constant("1e400"), Gen.Constant("-0"),
            ArbMap.Default.GeneratorFor<int>().Select(i => i.ToString()),
            ArbMap.Default.GeneratorFor<double>().Where(double.IsFinite).Select(d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture)),
            ArbMap.Default.GeneratorFor<string>().Where(s => s is not null).Select(s => System.Text.Json.JsonSerializer.Serialize(s)),
            Gen.ArrayOf(ArbMap.Default.GeneratorFor<string>().Where(s => s is not null)).Select(a => System.Text.Json.JsonSerializer.Serialize(a)),
            Gen.ArrayOf(ArbMap.Default.GeneratorFor<int>()).Select(a => System.Text.Json.JsonSerializer.Serialize(a)));
        var cases = Gen.Elements(paths).Zip(values);
        Prop.ForAll(cases.ToArbitrary(), c => Accepts(With(c.Item1, c.Item2))).QuickCheckThrowOnFailure();
        Prop.ForAll(ArbMap.Default.ArbFor<string>(), text => Accepts(text ?? "")).QuickCheckThrowOnFailure();
    }

    private static bool Accepts(string json)
    {
        try
        {
            var manifest = OnnxManifest.Parse(json);
            return manifest.Thresholds.Count == manifest.Classes.Count && manifest.Leads.Count > 0 && manifest.Length > 0 && manifest.RateHz > 0;
        }
        catch (OnnxModelException e)
        {
            return e.Errors.Count > 0 && e.Errors.All(m => m.Length > 0);
        }
    }

    /// <summary>The test manifest with the member at a dotted path set to <paramref name="json"/>.</summary>
    private static string With(string path, string json, string? manifest = null)
    {
        var root = JsonNode.Parse(manifest ?? OnnxTestModels.ManifestJson())!.AsObject();
        var parts = path.Split('.');
        var parent = root;
        foreach (var p in parts[..^1]) parent = parent[p]!.AsObject();
        parent[parts[^1]] = JsonNode.Parse(json);
        return root.ToJsonString();
    }
}
