namespace Einthoven.Signal.Records;

/// <summary>
/// A file that cannot be read as what it claims to be. The message always names the file, the field and the reason,
/// so that a user can fix the input; <see cref="Problem"/> tells a malformed file from one that is too large or
/// lacks the samples it announces.
/// </summary>
public sealed class SignalFormatException(string file, string field, string reason, Exception? inner = null)
    : Exception($"{file}: {field}: {reason}", inner)
{
    public string File { get; } = file;
    public string Field { get; } = field;
    public string Reason { get; } = reason;
    public SignalProblem Problem { get; init; } = SignalProblem.Malformed;
}

/// <summary>What kind of unreadable a file is.</summary>
public enum SignalProblem
{
    /// <summary>The file breaks its format's rules (a field that is not a number, a header that contradicts itself).</summary>
    Malformed,
    /// <summary>Well formed, but the record exceeds the <see cref="Formats.RecordLimits"/> it was opened with.</summary>
    TooLarge,
    /// <summary>Well formed, but the samples it announces are not there: a missing or short signal file, only null signals.</summary>
    MissingData,
}
