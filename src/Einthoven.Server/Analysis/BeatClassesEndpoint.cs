using Einthoven.Models.Beats;

namespace Einthoven.Server.Analysis;

/// <summary>
/// GET /api/analysis/beat-classes: the AAMI classes and the beat symbols of each, the one table the analysis maps beats
/// with (<see cref="AamiMapping.Table"/>), for the web UI's legends and beat colours. A published standard, no patient
/// data: open to everyone, since the web UI loads it before anyone signs in.
/// </summary>
public static class BeatClassesEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/analysis/beat-classes", () => Results.Ok(AamiMapping.Table)).AllowAnonymous().WithTags("Analysis")
            .Produces<List<AamiClassSymbols>>()
            .WithSummary("The AAMI beat classes (N, S, V, F, Q) with the MIT-BIH beat symbols each takes, as the analysis maps them");
}
