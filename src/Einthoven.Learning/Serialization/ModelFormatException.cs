namespace Einthoven.Learning.Serialization;

/// <summary>
/// A weights file or model card that cannot be used. The message names the file, the field (tensor or JSON
/// property) and the reason.
/// </summary>
public sealed class ModelFormatException(string file, string field, string reason, Exception? inner = null)
    : Exception($"{file}: {field}: {reason}", inner)
{
    public string File { get; } = file;
    public string Field { get; } = field;
    public string Reason { get; } = reason;
}
