using Einthoven.Server.Localization;
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

    /// <summary>A photo of a paper ECG that cannot be decoded: 413 over the size or pixel limits, else 400.</summary>
    public static IResult ForPhoto(SignalFormatException e) => e.Problem == SignalProblem.TooLarge
        ? Problem(413, "photo too large", e.File, e.Field, e.Reason)
        : Problem(400, "unreadable photo", e.File, e.Field, e.Reason);

    public static IResult TooLarge(string file, long limit) =>
        Problem(413, "upload too large", file, "size", $"uploads are limited to {limit:N0} bytes", Api.Problems.UploadLimit(limit));

    public static IResult Unreadable(string file, string reason) => Problem(400, "unreadable recording", file, "file", reason);

    /// <summary>The title in the request's language; the detail "file: field: reason" and the extensions as they are (the reason
    /// comes from the signal library, in English), except the upload limit, which is translated.</summary>
    private static IResult Problem(int status, string title, string file, string field, string reason, ProblemText? translatedReason = null)
    {
        var name = UploadFolder.WithoutFolders(file);
        reason = UploadFolder.WithoutFolders(reason);
        var detail = translatedReason is null ? new ProblemText($"{name}: {field}: {reason}")
            : new ProblemText($"{name}: {field}: {reason}", "problems.upload.limitDetail", ("file", name), ("field", field), ("limit", translatedReason.Values[0].Value));
        return new LocalizedProblem(status, title, detail,
            new Dictionary<string, object?> { ["file"] = name, ["field"] = field, ["reason"] = reason });
    }
}
