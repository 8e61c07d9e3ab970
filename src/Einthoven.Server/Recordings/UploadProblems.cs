using Einthoven.Signal.Records;

namespace Einthoven.Server.Recordings;

/// <summary>
/// The answers to an upload that cannot be stored, each naming the uploaded file (never a server path), the field
/// and the reason: 400 for a malformed file, 413 for a record over the limits, 422 for a well-formed record whose
/// samples are not there.
/// </summary>
public static class UploadProblems
{
    public static IResult For(SignalFormatException e) => e.Problem switch
    {
        SignalProblem.TooLarge => Problem(413, "recording too large", e.File, e.Field, e.Reason),
        SignalProblem.MissingData => Problem(422, "unusable recording", e.File, e.Field, e.Reason),
        _ => Problem(400, "unreadable recording", e.File, e.Field, e.Reason),
    };

    public static IResult TooLarge(string file, long limit) =>
        Problem(413, "upload too large", file, "size", $"uploads are limited to {limit:N0} bytes");

    public static IResult Unreadable(string file, string reason) => Problem(400, "unreadable recording", file, "file", reason);

    private static IResult Problem(int status, string title, string file, string field, string reason)
    {
        var name = UploadFolder.WithoutFolders(file);
        reason = UploadFolder.WithoutFolders(reason);
        return Results.Problem(statusCode: status, title: title, detail: $"{name}: {field}: {reason}",
            extensions: new Dictionary<string, object?> { ["file"] = name, ["field"] = field, ["reason"] = reason });
    }
}
