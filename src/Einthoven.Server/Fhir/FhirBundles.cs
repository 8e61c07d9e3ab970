using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http.Extensions;

namespace Einthoven.Server.Fhir;

/// <summary>A page of search results as a searchset Bundle with its total and self, next and previous links.</summary>
public static class FhirBundles
{
    /// <param name="matches">The matches on this page, in order.</param>
    /// <param name="total">All matches of the search.</param>
    /// <param name="included">Resources named by _include, each once.</param>
    public static Bundle Searchset(HttpRequest request, FhirQuery query, IReadOnlyList<Resource> matches, int total, IEnumerable<Resource> included)
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Searchset, Total = total, Id = Guid.NewGuid().ToString("N") };
        bundle.Link.Add(new Bundle.LinkComponent { Relation = "self", Url = PageUrl(request, query.Offset, query.Count) });
        var next = query.Offset + matches.Count;
        if (next < total && matches.Count > 0) bundle.Link.Add(new Bundle.LinkComponent { Relation = "next", Url = PageUrl(request, next, query.Count) });
        if (query.Offset > 0)
            bundle.Link.Add(new Bundle.LinkComponent { Relation = "previous", Url = PageUrl(request, Math.Max(0, query.Offset - query.Count), query.Count) });
        foreach (var match in matches) bundle.Entry.Add(Entry(request, match, Bundle.SearchEntryMode.Match));
        foreach (var include in included.DistinctBy(r => $"{r.TypeName}/{r.Id}")) bundle.Entry.Add(Entry(request, include, Bundle.SearchEntryMode.Include));
        return bundle;
    }

    public static string Base(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}/fhir";

    private static Bundle.EntryComponent Entry(HttpRequest request, Resource resource, Bundle.SearchEntryMode mode) => new()
    {
        FullUrl = $"{Base(request)}/{resource.TypeName}/{resource.Id}",
        Resource = resource,
        Search = new Bundle.SearchComponent { Mode = mode },
    };

    /// <summary>This search's URL with another page: every parameter kept but _offset and _count.</summary>
    private static string PageUrl(HttpRequest request, int offset, int count)
    {
        var query = new QueryBuilder(request.Query.Where(p => p.Key is not ("_offset" or "_count")).SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v ?? ""))))
        {
            { "_count", count.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            { "_offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };
        return $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{query}";
    }
}
