using System.Xml.Linq;
using Einthoven.TestSupport;

namespace Einthoven.Cli.Tests;

/// <summary>
/// The layers of docs/ARCHITECTURE.md, read from the .csproj files: Signal &lt;- Learning/Models &lt;- Training/Evaluation
/// &lt;- CLI/bench, and the server on Models (and Imaging for photos of paper ECGs). A project may use only what its row allows, directly or through
/// another project; a new project fails here until it is given a row.
/// </summary>
public class ProjectReferenceTests
{
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Einthoven.Signal"] = [],
        ["Einthoven.Learning"] = [],
        ["Einthoven.Models"] = ["Einthoven.Signal", "Einthoven.Learning"],
        ["Einthoven.Monitoring"] = ["Einthoven.Signal", "Einthoven.Learning", "Einthoven.Models"],
        ["Einthoven.Devices"] = ["Einthoven.Signal"],
        ["Einthoven.Imaging"] = ["Einthoven.Signal"],
        ["Einthoven.Risk"] = [],
        ["Einthoven.Interop"] = ["Einthoven.Signal", "Einthoven.Learning", "Einthoven.Models"],
        ["Einthoven.Evaluation"] = ["Einthoven.Signal", "Einthoven.Learning", "Einthoven.Models", "Einthoven.Monitoring", "Einthoven.Imaging"],
        ["Einthoven.Training"] = ["Einthoven.Signal", "Einthoven.Learning", "Einthoven.Models", "Einthoven.Evaluation", "Einthoven.Monitoring", "Einthoven.Imaging"],
        ["Einthoven.Server"] = ["Einthoven.Signal", "Einthoven.Learning", "Einthoven.Models", "Einthoven.Monitoring", "Einthoven.Risk", "Einthoven.Interop", "Einthoven.Imaging"],
        ["Einthoven.Cli"] = ["Einthoven.Signal", "Einthoven.Learning", "Einthoven.Models", "Einthoven.Evaluation", "Einthoven.Training", "Einthoven.Monitoring", "Einthoven.Devices", "Einthoven.Interop", "Einthoven.Imaging"],
        ["Einthoven.Cli.Native"] = ["Einthoven.Signal"],
        ["Einthoven.Bench"] = ["Einthoven.Signal", "Einthoven.Learning", "Einthoven.Models", "Einthoven.Evaluation", "Einthoven.Training", "Einthoven.Server", "Einthoven.Monitoring", "Einthoven.Devices", "Einthoven.Risk", "Einthoven.Interop", "Einthoven.Imaging"],
    };

    [Fact]
    public void Every_product_project_uses_only_the_layers_below_it()
    {
        var references = ProductProjects();
        Assert.Equal(Allowed.Keys.Order(), references.Keys.Order());
        var violations = references.Keys.SelectMany(p => Forbidden(p, references)).ToList();
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public void A_reference_through_another_project_counts_too()
    {
        var references = new Dictionary<string, string[]>
        {
            ["Einthoven.Server"] = ["Einthoven.Models"],
            ["Einthoven.Models"] = ["Einthoven.Evaluation"],
            ["Einthoven.Evaluation"] = [],
        };
        Assert.Contains("Einthoven.Server -> Einthoven.Evaluation (via Einthoven.Models)", Forbidden("Einthoven.Server", references));
        Assert.Contains("Einthoven.Models -> Einthoven.Evaluation", Forbidden("Einthoven.Models", references));
    }

    private static IEnumerable<string> Forbidden(string project, IReadOnlyDictionary<string, string[]> references)
    {
        var allowed = Allowed[project];
        foreach (var direct in references[project])
        {
            if (!allowed.Contains(direct)) yield return $"{project} -> {direct}";
            foreach (var indirect in Reachable(direct, references).Where(r => !allowed.Contains(r)))
                yield return $"{project} -> {indirect} (via {direct})";
        }
    }

    private static HashSet<string> Reachable(string project, IReadOnlyDictionary<string, string[]> references)
    {
        var seen = new HashSet<string>();
        var pending = new Stack<string>(references.GetValueOrDefault(project, []));
        while (pending.TryPop(out var next))
            if (seen.Add(next)) foreach (var r in references.GetValueOrDefault(next, [])) pending.Push(r);
        return seen;
    }

    /// <summary>The non-test projects under src/ and bench/ with the projects each references directly.</summary>
    private static Dictionary<string, string[]> ProductProjects() =>
        new[] { "src", "bench" }.SelectMany(d => Directory.EnumerateFiles(Path.Combine(TestData.RepoRoot, d), "*.csproj", SearchOption.AllDirectories))
            .Where(p => !Path.GetFileNameWithoutExtension(p).EndsWith(".Tests") && !Path.GetFileNameWithoutExtension(p).EndsWith(".BrowserTests"))
            .ToDictionary(p => Path.GetFileNameWithoutExtension(p), p => XDocument.Load(p).Descendants("ProjectReference")
                .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/'))).ToArray())!;
}
