using System.Text.Json.Serialization;

namespace Einthoven.Signal.Records;

/// <summary>Who made an annotation set: a device (an algorithm) or a person (a physician).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AnnotationAuthorKind>))]
public enum AnnotationAuthorKind { Device, Person }

/// <summary>The author of one annotation set; <see cref="Name"/> is empty when the file does not name it.</summary>
public sealed record AnnotationAuthor(AnnotationAuthorKind Kind, string Name);

/// <summary>
/// The authors of a record's annotation sets, kept in <see cref="RecordInfo.Metadata"/> (so that every format that
/// keeps metadata keeps them): <c>annotation_author_type_SET</c> is "device" or "person", <c>annotation_author_SET</c>
/// the author's name.
/// </summary>
public static class AnnotationAuthors
{
    public static string TypeKey(string annotator) => "annotation_author_type_" + annotator;
    public static string NameKey(string annotator) => "annotation_author_" + annotator;

    /// <summary>The recorded author of <paramref name="annotator"/>, or null when none is recorded.</summary>
    public static AnnotationAuthor? Of(RecordInfo info, string annotator)
    {
        if (!info.Metadata.TryGetValue(TypeKey(annotator), out var type)) return null;
        var kind = type switch
        {
            "device" => AnnotationAuthorKind.Device,
            "person" => AnnotationAuthorKind.Person,
            _ => (AnnotationAuthorKind?)null,
        };
        return kind is { } k ? new AnnotationAuthor(k, info.Metadata.GetValueOrDefault(NameKey(annotator), "")) : null;
    }

    /// <summary>Adds the metadata entries that record <paramref name="author"/> for <paramref name="annotator"/>.</summary>
    public static void Record(IDictionary<string, string> metadata, string annotator, AnnotationAuthor author)
    {
        metadata[TypeKey(annotator)] = author.Kind == AnnotationAuthorKind.Device ? "device" : "person";
        if (author.Name.Length > 0) metadata[NameKey(annotator)] = author.Name;
    }
}
