using Einthoven.Server.Accounts;
using Einthoven.Server.Api;
using Microsoft.Extensions.Options;

namespace Einthoven.Server.Classification;

/// <summary>A class a 12-lead classifier gives, with its decision threshold.</summary>
public sealed record ClassifierClassView(string Code, string Description, double Threshold);

/// <summary>What any signed-in user sees of a classifier: enough to choose one for the 12-lead classification.</summary>
public sealed record ClassifierView(string Id, string Name, string Version, string Kind, bool IsDefault, IReadOnlyList<ClassifierClassView> Classes);

/// <summary>The input a registered ONNX model reads, as its manifest says.</summary>
public sealed record ClassifierInputView(IReadOnlyList<string> Leads, double RateHz, int Length, string Normalisation);

/// <summary>What an admin sees: the classifier with its input, activation, origin and size.</summary>
/// <param name="UsedByAnalysis">Whether the analysis of every recording runs this classifier.</param>
public sealed record AdminClassifierView(string Id, string Name, string Version, string Kind, bool IsDefault, string? Description,
    ClassifierInputView? Input, string? Activation, IReadOnlyList<ClassifierClassView> Classes, DateTimeOffset? RegisteredAt, long? ModelBytes,
    bool UsedByAnalysis = false);

public sealed record AnalysisClassifierRequest(string Id);

public sealed record AdminClassifierList(IReadOnlyList<AdminClassifierView> Classifiers, long MaxModelBytes);

/// <summary>
/// The 12-lead classifiers: admins register ONNX models with a manifest (checked whole at registration), list and
/// delete them; any signed-in user lists what may be chosen for the 12-lead classification.
/// </summary>
public static class ClassifierEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/classifiers", List).WithTags("Classification").RequireAuthorization().Produces<IReadOnlyList<ClassifierView>>()
            .WithSummary("The 12-lead classifiers one may choose (?model=ID of the 12-lead classification): shipped and registered ONNX models");
        var admin = app.MapGroup("/api/admin/classifiers").WithTags("Classification").RequireAuthorization(p => p.RequireRole(Roles.Admin));
        admin.MapGet("/", AdminList).Produces<AdminClassifierList>()
            .WithSummary("Every 12-lead classifier with its input, classes and thresholds");
        admin.MapPost("/onnx", Register).DisableAntiforgery().Accepts<IFormFileCollection>("multipart/form-data")
            .Produces<AdminClassifierView>(201).ProducesProblem(400).ProducesProblem(409).ProducesProblem(413).ProducesProblem(422)
            .WithSummary("Register an ONNX model: multipart 'model' (the .onnx file) and 'manifest' (a JSON file or field); checked against each other and run once before it is stored");
        admin.MapDelete("/onnx/{id}", Delete).Produces(204).ProducesProblem(404)
            .WithSummary("Delete a registered ONNX model");
        admin.MapPut("/analysis", UseForAnalysis).Produces(204).ProducesProblem(400).ProducesProblem(404)
            .WithSummary("Choose the 12-lead classifier the analysis of new recordings runs (shipped or a registered ONNX model); kept across restarts");
    }

    private static IResult List(ClassifierCatalog catalog) =>
        Results.Ok(catalog.All.Select(e => new ClassifierView(e.Id, e.Name, e.Classifier.Version, e.Kind, e == catalog.Default, Classes(e))).ToList());

    private static IResult AdminList(ClassifierCatalog catalog, IOptions<ServerOptions> options) =>
        Results.Ok(new AdminClassifierList(catalog.All.Select(e => AdminView(e, catalog)).ToList(), options.Value.Classifiers.MaxModelBytes));

    private static async Task<IResult> Register(HttpRequest request, ClassifierCatalog catalog, IOptions<ServerOptions> options, CancellationToken ct)
    {
        var limit = options.Value.Classifiers.MaxModelBytes;
        if (request.ContentLength > limit + 1024 * 1024) return Problems.TooLarge(limit);
        if (!request.HasFormContentType) return Problems.BadRequest("not a form upload", "send 'model' and 'manifest' as multipart/form-data", "model");
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (InvalidDataException e) when (e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            return Problems.TooLarge(limit);
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            return Problems.BadRequest("unreadable form", e.Message);
        }
        var modelFile = form.Files.GetFile("model");
        if (modelFile is null || modelFile.Length == 0) return Problems.BadRequest("model missing", "attach the .onnx file as the form file 'model'", "model");
        if (modelFile.Length > limit) return Problems.TooLarge(limit);
        string? manifest = form["manifest"].FirstOrDefault();
        if (string.IsNullOrWhiteSpace(manifest) && form.Files.GetFile("manifest") is { } manifestFile)
        {
            if (manifestFile.Length > Models.Onnx.OnnxManifest.MaxBytes)
                return Problems.BadRequest("manifest too large", $"the manifest is limited to {Models.Onnx.OnnxManifest.MaxBytes / 1024} KB", "manifest");
            using var reader = new StreamReader(manifestFile.OpenReadStream());
            manifest = await reader.ReadToEndAsync(ct);
        }
        if (string.IsNullOrWhiteSpace(manifest)) return Problems.BadRequest("manifest missing", "give the manifest JSON as the form file or field 'manifest'", "manifest");
        var bytes = new byte[modelFile.Length];
        await using (var stream = modelFile.OpenReadStream()) await stream.ReadExactlyAsync(bytes, ct);
        try
        {
            var entry = catalog.Register(bytes, manifest);
            return Results.Created($"/api/admin/classifiers/onnx/{entry.Id}", AdminView(entry, catalog));
        }
        catch (ClassifierRegistrationException e)
        {
            return Results.Problem(statusCode: e.Status, title: e.Title, detail: e.Message,
                extensions: new Dictionary<string, object?> { ["errors"] = e.Errors });
        }
    }

    private static IResult UseForAnalysis(AnalysisClassifierRequest body, ClassifierCatalog catalog) =>
        string.IsNullOrWhiteSpace(body.Id) ? Problems.BadRequest("classifier missing", "give the classifier's id", "id")
        : catalog.UseForAnalysis(body.Id) ? Results.NoContent() : Problems.NotFound($"classifier '{body.Id}'");

    private static IResult Delete(string id, ClassifierCatalog catalog) =>
        catalog.Find(id) is { Kind: ClassifierEntry.Shipped } ? Problems.Conflict("a shipped classifier cannot be deleted")
        : catalog.Remove(id) ? Results.NoContent() : Problems.NotFound("ONNX classifier");

    private static IReadOnlyList<ClassifierClassView> Classes(ClassifierEntry e) =>
        e.Classifier.Classes.Select((c, k) => new ClassifierClassView(c, e.Manifest?.Classes[k].Description ?? c, e.Classifier.Thresholds[k])).ToList();

    private static AdminClassifierView AdminView(ClassifierEntry e, ClassifierCatalog catalog)
    {
        var m = e.Manifest;
        var input = m is null ? null : new ClassifierInputView(m.Leads, m.RateHz, m.Length, m.Normalisation.Kind);
        return new AdminClassifierView(e.Id, e.Name, e.Classifier.Version, e.Kind, e == catalog.Default, m?.Description, input, m?.Activation,
            Classes(e), e.RegisteredAt, e.ModelBytes, e == catalog.ForAnalysis);
    }
}
