using System.Security.Cryptography;
using Einthoven.Models.Onnx;
using Einthoven.Models.TwelveLead;

namespace Einthoven.Server.Classification;

/// <summary>Settings under "Einthoven:Classifiers".</summary>
public sealed class ClassifierOptions
{
    /// <summary>The largest ONNX model an admin may register.</summary>
    public long MaxModelBytes { get; set; } = 200L * 1024 * 1024;
    /// <summary>At most this many registered ONNX models (each holds an ONNX Runtime session in memory).</summary>
    public int MaxModels { get; set; } = 20;
}

/// <summary>One 12-lead classifier the server can run: shipped (registered in DI) or an admin's ONNX model.</summary>
public sealed record ClassifierEntry(string Id, string Kind, ITwelveLeadClassifier Classifier, OnnxManifest? Manifest, DateTimeOffset? RegisteredAt, long? ModelBytes)
{
    public const string Shipped = "shipped", Onnx = "onnx";
    public string Name => Manifest?.Name ?? Classifier.Version;
}

/// <summary>Why a registration was refused, for the endpoint's 4xx.</summary>
public sealed class ClassifierRegistrationException(int status, string title, IReadOnlyList<string> errors) : Exception(string.Join("; ", errors))
{
    public int Status { get; } = status;
    public string Title { get; } = title;
    public IReadOnlyList<string> Errors { get; } = errors;
}

/// <summary>
/// The 12-lead classifiers the server serves: the shipped ones registered in DI as <see cref="ITwelveLeadClassifier"/>
/// (first the default) and the ONNX models admins register, stored under {data folder}/classifiers/onnx/{id}/
/// (model.onnx + manifest.json) and loaded again at start-up. A registration is checked whole (manifest, the model
/// against it, one inference) before anything is written. A deleted model's session is released when the catalog is,
/// since a prediction may still be running on it.
/// </summary>
public sealed class ClassifierCatalog : IDisposable
{
    public const string ModelFile = "model.onnx", ManifestFile = "manifest.json", AnalysisFile = "analysis.json";

    private readonly object gate = new();
    private readonly string folder;
    private readonly ClassifierOptions options;
    private readonly TimeProvider clock;
    private readonly ILogger<ClassifierCatalog> log;
    private readonly IReadOnlyList<ClassifierEntry> shipped;
    private readonly List<IDisposable> retired = [];
    private IReadOnlyList<ClassifierEntry> onnx = [];
    private string? analysisId;

    public ClassifierCatalog(IEnumerable<ITwelveLeadClassifier> shippedClassifiers, ServerOptions server, TimeProvider clock, ILogger<ClassifierCatalog> log)
    {
        options = server.Classifiers;
        this.clock = clock;
        this.log = log;
        folder = Path.Combine(server.DataFolder, "classifiers", "onnx");
        shipped = shippedClassifiers.Select(c => new ClassifierEntry(c.Version, ClassifierEntry.Shipped, c, null, null, null)).ToArray();
        onnx = LoadStored();
        analysisId = ReadAnalysisChoice();
    }

    /// <summary>The classifier the analysis of every recording runs: the admin's choice (<see cref="UseForAnalysis"/>), else <see cref="Default"/>.</summary>
    public ClassifierEntry? ForAnalysis => (analysisId is { } id ? Find(id) : null) ?? Default;

    /// <summary>Makes the analysis of new recordings run classifier <paramref name="id"/> (kept across restarts); false when there is none.</summary>
    public bool UseForAnalysis(string id)
    {
        lock (gate)
        {
            if (Find(id) is null) return false;
            analysisId = id;
            Directory.CreateDirectory(Path.GetDirectoryName(AnalysisChoicePath)!);
            File.WriteAllText(AnalysisChoicePath, System.Text.Json.JsonSerializer.Serialize(new { id }));
            log.LogInformation("the analysis runs the 12-lead classifier {Id}", id);
            return true;
        }
    }

    private string AnalysisChoicePath => Path.Combine(Path.GetDirectoryName(folder)!, AnalysisFile);

    private string? ReadAnalysisChoice()
    {
        try
        {
            if (!File.Exists(AnalysisChoicePath)) return null;
            using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(AnalysisChoicePath));
            return doc.RootElement.TryGetProperty("id", out var id) ? id.GetString() : null;
        }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException)
        {
            log.LogError("the analysis classifier choice cannot be read; the default runs: {Reason}", e.Message);
            return null;
        }
    }

    public IReadOnlyList<ClassifierEntry> All => [.. shipped, .. onnx];

    /// <summary>The first shipped classifier, else the first registered ONNX model, else null.</summary>
    public ClassifierEntry? Default => All.FirstOrDefault();

    public ClassifierEntry? Find(string id) => All.FirstOrDefault(e => string.Equals(e.Id, id, StringComparison.Ordinal));

    /// <summary>Checks and stores an ONNX model with its manifest; throws <see cref="ClassifierRegistrationException"/> naming what is wrong.</summary>
    public ClassifierEntry Register(byte[] model, string manifestJson)
    {
        if (model.LongLength > options.MaxModelBytes)
            throw new ClassifierRegistrationException(413, "model too large", [$"the model has {model.LongLength:N0} bytes; the limit is {options.MaxModelBytes:N0}"]);
        OnnxManifest manifest;
        OnnxTwelveLeadClassifier classifier;
        try
        {
            manifest = OnnxManifest.Parse(manifestJson);
            classifier = new OnnxTwelveLeadClassifier(model, manifest);
        }
        catch (OnnxModelException e)
        {
            throw new ClassifierRegistrationException(422, "model or manifest invalid", e.Errors);
        }
        var id = "onnx-" + Convert.ToHexStringLower(SHA256.HashData(model))[..12];
        lock (gate)
        {
            try
            {
                if (Find(id) is not null) throw new ClassifierRegistrationException(409, "already registered", [$"this model is registered already as {id}"]);
                if (onnx.Count >= options.MaxModels) throw new ClassifierRegistrationException(409, "too many models", [$"at most {options.MaxModels} ONNX models; delete one first"]);
                var target = Path.Combine(folder, id);
                var staging = Path.Combine(folder, $".staging-{Guid.NewGuid():N}");
                Directory.CreateDirectory(staging);
                File.WriteAllBytes(Path.Combine(staging, ModelFile), model);
                File.WriteAllText(Path.Combine(staging, ManifestFile), manifest.ToJson());
                Directory.Move(staging, target);
                var entry = new ClassifierEntry(id, ClassifierEntry.Onnx, classifier, manifest, clock.GetUtcNow(), model.LongLength);
                onnx = [.. onnx, entry];
                log.LogInformation("registered ONNX classifier {Id} ({Name} {Version})", id, manifest.Name, manifest.Version);
                return entry;
            }
            catch
            {
                classifier.Dispose();
                throw;
            }
        }
    }

    /// <summary>Removes a registered ONNX model and its files; false when there is none with that id.</summary>
    public bool Remove(string id)
    {
        lock (gate)
        {
            var entry = onnx.FirstOrDefault(e => e.Id == id);
            if (entry is null) return false;
            onnx = onnx.Where(e => e.Id != id).ToArray();
            if (entry.Classifier is IDisposable d) retired.Add(d);
            Directory.Delete(Path.Combine(folder, id), recursive: true);
            log.LogInformation("deleted ONNX classifier {Id}", id);
            return true;
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            foreach (var d in onnx.Select(e => e.Classifier).OfType<IDisposable>().Concat(retired)) d.Dispose();
            onnx = [];
            retired.Clear();
        }
    }

    private IReadOnlyList<ClassifierEntry> LoadStored()
    {
        if (!Directory.Exists(folder)) return [];
        var entries = new List<ClassifierEntry>();
        foreach (var dir in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
        {
            var id = Path.GetFileName(dir);
            if (id.StartsWith('.')) { Directory.Delete(dir, recursive: true); continue; } // an interrupted registration
            try
            {
                var model = File.ReadAllBytes(Path.Combine(dir, ModelFile));
                var manifest = OnnxManifest.Parse(File.ReadAllText(Path.Combine(dir, ManifestFile)));
                var registered = new DateTimeOffset(Directory.GetCreationTimeUtc(dir), TimeSpan.Zero);
                entries.Add(new ClassifierEntry(id, ClassifierEntry.Onnx, new OnnxTwelveLeadClassifier(model, manifest), manifest, registered, model.LongLength));
            }
            catch (Exception e) when (e is IOException or OnnxModelException or UnauthorizedAccessException)
            {
                log.LogError("the stored ONNX classifier {Id} cannot be loaded and is not served: {Reason}", id, e.Message);
            }
        }
        return entries;
    }
}
