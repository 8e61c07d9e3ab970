using Einthoven.Models.TwelveLead;
using Einthoven.Server.Api;
using Einthoven.Server.Recordings;
using Einthoven.Signal.Formats;
using Microsoft.Extensions.Options;

namespace Einthoven.Server.Classification;

/// <summary>The 12-lead statements of an uploaded record: every class's probability, threshold and decision, and which model gave them.</summary>
public sealed record TwelveLeadClassification(string Model, string ModelId, string Record, double SamplingFrequency, double DurationSeconds,
    IReadOnlyList<string> Leads, IReadOnlyList<string> DerivedLeads, IReadOnlyList<StatementProbability> Statements, string Disclaimer);

/// <summary>
/// POST /api/classify/12-lead: the seed's 12-lead classification service. The record is uploaded as for storage (WFDB
/// .hea + .dat or a .zip, EDF/EDF+, CSV; <see cref="UploadedRecord"/>), its first 10 s are read (any rate, lead
/// order and naming; limb leads derived when missing) and classified by the shipped model or the registered model
/// <c>?model=ID</c>. Nothing is stored.
/// </summary>
public static class ClassifyEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/classify/12-lead", Classify).WithTags("Classification").RequireAuthorization().RequireRateLimiting(RateLimits.Predict)
            .DisableAntiforgery().Accepts<IFormFileCollection>("multipart/form-data")
            .Produces<TwelveLeadClassification>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(413).ProducesProblem(422).ProducesProblem(429)
            .WithSummary("Classify a 12-lead ECG (WFDB .hea+.dat or .zip, EDF, CSV): the probability, threshold and decision of every class; ?model=ID picks a registered model (GET /api/classifiers)")
            .WithDescription("Example: curl -H 'Authorization: Bearer eth_...' -F files=@00010_lr.hea -F files=@00010_lr.dat https://HOST/api/classify/12-lead");

    private static async Task<IResult> Classify(HttpRequest request, string? model, ClassifierCatalog catalog, IOptions<ServerOptions> options, CancellationToken ct)
    {
        var entry = model is null ? catalog.Default : catalog.Find(model);
        if (entry is null) return model is null ? Results.Problem(statusCode: 503, title: "no classifier", detail: "no 12-lead classifier is loaded") : Problems.NotFound($"classifier '{model}'");
        return await UploadedRecord.UseAsync(request, options.Value, upload =>
        {
            var info = upload.Reader.Info;
            // The model reads 10 s; a long upload is read no further (plus the resampler's margin).
            var record = RecordFiles.ReadAll(new RecordSlice(upload.Reader, 0, (long)Math.Ceiling(12 * info.SamplingFrequency)));
            try
            {
                var p = entry.Classifier.Classify(record);
                return Task.FromResult(Results.Ok(new TwelveLeadClassification(p.Model, entry.Id, upload.ShownName, info.SamplingFrequency, info.SampleCount / info.SamplingFrequency,
                    info.Leads.Select(l => l.Name).ToArray(), p.DerivedLeads, p.Statements, p.Disclaimer)));
            }
            catch (TwelveLeadInputException e)
            {
                return Task.FromResult(Results.Problem(statusCode: 422, title: "not a readable 12-lead ECG", detail: $"{upload.ShownName}: {e.Message}"));
            }
        }, ct);
    }
}
