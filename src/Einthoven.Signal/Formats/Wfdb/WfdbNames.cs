namespace Einthoven.Signal.Formats.Wfdb;

/// <summary>
/// Rules for the names WFDB headers refer to. Names are plain file names in the header's folder, so a header can never
/// point outside it.
/// </summary>
public static class WfdbNames
{
    /// <summary>A record, segment or annotator name: letters, digits, '_', '-' and '.', not starting with '.'.</summary>
    public static bool IsValidRecordName(string name) =>
        name.Length is > 0 and <= 255 && name[0] != '.' && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');

    /// <summary>A signal file name: the same characters as a record name.</summary>
    public static bool IsValidFileName(string name) => IsValidRecordName(name);

    /// <summary>Record name and folder for a path given with or without one of <paramref name="extensions"/>.</summary>
    public static (string Directory, string Record) Split(string path, IEnumerable<string> extensions)
    {
        var full = Path.GetFullPath(path);
        var ext = Path.GetExtension(full);
        var name = Path.GetFileName(full);
        if (ext.Length > 0 && extensions.Contains(ext, StringComparer.OrdinalIgnoreCase)) name = Path.GetFileNameWithoutExtension(full);
        return (Path.GetDirectoryName(full) ?? ".", name);
    }
}
