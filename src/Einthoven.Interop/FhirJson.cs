using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Einthoven.Interop;

/// <summary>FHIR R4 JSON (application/fhir+json) through Firely's System.Text.Json converters.</summary>
public static class FhirJson
{
    public const string MediaType = "application/fhir+json";

    public static readonly JsonSerializerOptions Options = new JsonSerializerOptions().ForFhir();

    public static string Serialize(Resource resource) => JsonSerializer.Serialize(resource, Options);

    public static System.Threading.Tasks.Task SerializeAsync(Stream stream, Resource resource, CancellationToken ct) => JsonSerializer.SerializeAsync(stream, resource, Options, ct);

    /// <summary>
    /// The resource the text holds; throws <see cref="InvalidFhirException"/> naming what is wrong for text that is not
    /// JSON or not a valid R4 resource.
    /// </summary>
    public static Resource Parse(string json)
    {
        try { return JsonSerializer.Deserialize<Resource>(json, Options) ?? throw new InvalidFhirException("the body is JSON null, not a resource"); }
        catch (DeserializationFailedException e) { throw new InvalidFhirException(string.Join("; ", e.Exceptions.Take(5).Select(x => Shorten(x.Message)))); }
        catch (JsonException e) { throw new InvalidFhirException(Shorten(e.Message)); }
    }

    // Firely quotes the offending value, which may be megabytes long.
    private static string Shorten(string message) => message.Length <= 400 ? message : $"{message[..200]} ... {message[^150..]}";
}

/// <summary>Text that is not a valid FHIR R4 resource in JSON.</summary>
public sealed class InvalidFhirException(string reason) : Exception(reason);
