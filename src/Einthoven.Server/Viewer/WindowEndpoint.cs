using System.Globalization;
using System.Security.Claims;
using Einthoven.Server.Api;
using Einthoven.Server.Recordings;
using Einthoven.Server.Sharing;

namespace Einthoven.Server.Viewer;

/// <summary>GET /api/recordings/{id}/window?from=s&amp;to=s&amp;leads=0,1&amp;points=2000[&amp;annotations=atr,analysis|none].</summary>
public static class WindowEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/recordings/{id:guid}/window", Window).WithTags("Viewer").RequireAuthorization()
            .WithSummary("A time window (seconds) of some leads, decimated to a min/max envelope of 'points' points, or raw when zoomed in; with the annotations inside")
            .Produces<WindowView>().ProducesProblem(400).ProducesProblem(404);

    private static async Task<IResult> Window(Guid id, double? from, double? to, string? leads, int? points, string? annotations,
        ClaimsPrincipal user, PatientAccess access, WindowQuery query, CancellationToken ct)
    {
        var n = points ?? 2000;
        if (n is < 1 or > WindowQuery.MaxPoints) return Problems.BadRequest("invalid points", $"points must be 1-{WindowQuery.MaxPoints}", "points");
        if (from is < 0 || (from is not null && to is not null && to <= from) || from is double.NaN || to is double.NaN)
            return Problems.BadRequest("invalid window", "need 0 <= from < to (seconds)", "from");
        var recording = await access.ReadRecordingAsync(user, id, "recording.window", ct);
        if (recording is null) return Problems.NotFound("recording");
        var info = RecordingLoader.Info(recording);
        var fs = recording.SamplingFrequency;
        var start = (long)Math.Floor(Math.Min(from ?? 0, recording.SampleCount / fs) * fs);
        var end = (long)Math.Ceiling(Math.Min(to ?? double.MaxValue, recording.SampleCount / fs) * fs);
        end = Math.Min(end, recording.SampleCount);
        if (end <= start) return Problems.BadRequest("invalid window", "the window lies after the end of the recording", "from");
        var selected = ParseLeads(leads, info);
        if (selected is null)
            return Problems.BadRequest("invalid leads", $"leads must be indices 0-{info.Leads.Count - 1} or names ({string.Join(", ", info.Leads.Select(l => l.Name))})", "leads");
        // The viewer leaves annotations out of zoomed-out tiles, where it cannot draw beats anyway.
        IReadOnlySet<string>? annotators = annotations is null ? null
            : annotations == "none" ? new HashSet<string>() : annotations.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
        return Results.Ok(await query.RunAsync(recording, info, start, end, selected, n, ct, annotators));
    }

    private static List<int>? ParseLeads(string? text, Einthoven.Signal.Records.RecordInfo info)
    {
        if (string.IsNullOrWhiteSpace(text)) return Enumerable.Range(0, info.Leads.Count).ToList();
        var result = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var index = int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : info.LeadIndex(part);
            if (index < 0 || index >= info.Leads.Count) return null;
            if (!result.Contains(index)) result.Add(index);
        }
        return result.Count == 0 ? null : result;
    }
}
