namespace Einthoven.Signal.Records;

/// <summary>
/// A file that cannot be read as what it claims to be. The message always names the file, the field and the reason,
/// so that a user can fix the input.
/// </summary>
public sealed class SignalFormatException(string file, string field, string reason, Exception? inner = null)
    : Exception($"{file}: {field}: {reason}", inner)
{
    public string File { get; } = file;
    public string Field { get; } = field;
    public string Reason { get; } = reason;
}
